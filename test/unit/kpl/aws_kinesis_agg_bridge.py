"""Runs awslabs' aws-kinesis-agg (PyPI) for the cross-implementation test.

stdin: JSON {"op": "deaggregate", "records": [{"partitionKey", "sequenceNumber", "data" (base64)}]}
    -> stdout: JSON list of user records {"partitionKey", "sequenceNumber", "subSequenceNumber", "aggregated", "data" (base64)}
stdin: JSON {"op": "aggregate", "records": [{"partitionKey", "data" (base64)}]}
    -> stdout: JSON list of Kinesis records {"partitionKey", "explicitHashKey", "data" (base64)}
"""
import base64
import json
import sys

from aws_kinesis_agg.aggregator import RecordAggregator
from aws_kinesis_agg.deaggregator import deaggregate_records


def deaggregate(records):
    lambda_records = [
        {
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": record["partitionKey"],
                "sequenceNumber": record["sequenceNumber"],
                "approximateArrivalTimestamp": 0,
                "data": record["data"],
            }
        }
        for record in records
    ]
    out = []
    for user_record in deaggregate_records(lambda_records):
        kinesis = user_record["kinesis"]
        data = kinesis["data"]
        out.append(
            {
                "partitionKey": kinesis["partitionKey"],
                "sequenceNumber": kinesis["sequenceNumber"],
                "subSequenceNumber": kinesis.get("subSequenceNumber"),
                "aggregated": kinesis.get("aggregated", False),
                "data": data.decode("ascii") if isinstance(data, bytes) else data,
            }
        )
    return out


def aggregate(records):
    aggregator = RecordAggregator()
    out = []

    def emit(agg_record):
        partition_key, explicit_hash_key, data = agg_record.get_contents()
        out.append({"partitionKey": partition_key, "explicitHashKey": explicit_hash_key, "data": base64.b64encode(data).decode("ascii")})

    for record in records:
        full = aggregator.add_user_record(record["partitionKey"], base64.b64decode(record["data"]))
        if full is not None:
            emit(full)
    rest = aggregator.clear_and_get()
    if rest is not None:
        emit(rest)
    return out


def main():
    request = json.load(sys.stdin)
    operations = {"deaggregate": deaggregate, "aggregate": aggregate}
    json.dump(operations[request["op"]](request["records"]), sys.stdout)


if __name__ == "__main__":
    main()
