/**
 * The dashboard Lambda's EMF metric names: what it publishes and what the stack's dashboard graphs.
 * Plain constants, so lib/ imports them too.
 */
export const DASHBOARD_METRICS = {
  pageViews: 'PageViews',
  activeUsers: 'ActiveUsers',
  topPageViews: 'TopPageViews',
  invalidEvents: 'InvalidEvents',
} as const;

/** The dimension of TopPageViews: the page path. */
export const TOP_PAGE_DIMENSION = 'page';

/** Powertools `service` dimension of the dashboard Lambda (POWERTOOLS_SERVICE_NAME). */
export const DASHBOARD_SERVICE_NAME = 'clickstream-dashboard';
