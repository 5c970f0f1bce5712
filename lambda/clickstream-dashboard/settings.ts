/** Environment variable names the clickstream dashboard reads; the stack and `local/` import them. */
export const CLICKSTREAM_DASHBOARD_ENV = {
  /** Optional: how many top pages per minute get a `TopPageViews` metric (default 5). */
  topPagesCount: 'TOP_PAGES_COUNT',
} as const;
