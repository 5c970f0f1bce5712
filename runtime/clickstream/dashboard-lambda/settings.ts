/** Environment variable names the clickstream dashboard reads; the stack and `local/` import them. */
export const CLICKSTREAM_DASHBOARD_ENV = {
  /** Optional: how many top pages per minute get a `TopPageViews` metric (CLICKSTREAM_DASHBOARD_DEFAULTS). */
  topPagesCount: 'TOP_PAGES_COUNT',
} as const;

/** The defaults of the settings above: the stack (lib/) and the runtime take them from here. */
export const CLICKSTREAM_DASHBOARD_DEFAULTS = {
  /** Five keeps the TopPageViews metric at 5 dimension values per minute: readable, and cheap in CloudWatch. */
  topPagesCount: 5,
} as const;
