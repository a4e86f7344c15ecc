import { describe, expect, it } from 'vitest';
import { caseHref, caseServersHref, parseRoute, serversHref, stepHref } from './routes';

describe('hash routes', () => {
  it('parses the three kinds of page', () => {
    expect(parseRoute('')).toEqual({ name: 'list' });
    expect(parseRoute('#/')).toEqual({ name: 'list' });
    expect(parseRoute('#/cases/case-000001')).toEqual({ name: 'case', caseId: 'case-000001' });
    expect(parseRoute('#/cases/case-000001/')).toEqual({ name: 'case', caseId: 'case-000001' });
    expect(parseRoute('#/cases/case-000001/review')).toEqual({ name: 'step', caseId: 'case-000001', step: 'review' });
    expect(parseRoute('#/servers')).toEqual({ name: 'servers' });
    expect(parseRoute('#/cases/case-000001/servers')).toEqual({ name: 'caseServers', caseId: 'case-000001' });
  });

  it('treats anything else as not found', () => {
    for (const hash of [
      '#main',
      '#/cases',
      '#/cases/',
      '#/cases/NOT_AN_ID',
      '#/cases/case-000001/nope',
      '#/cases/%E0%A4%A',
      '#/servers/extra',
    ]) {
      expect(parseRoute(hash), hash).toEqual({ name: 'notFound' });
    }
  });

  it('builds links that parse back', () => {
    expect(parseRoute(caseHref('case-000001'))).toEqual({ name: 'case', caseId: 'case-000001' });
    expect(parseRoute(stepHref('case-000001', 'ship'))).toEqual({ name: 'step', caseId: 'case-000001', step: 'ship' });
    expect(parseRoute(serversHref())).toEqual({ name: 'servers' });
    expect(parseRoute(caseServersHref('case-000001'))).toEqual({ name: 'caseServers', caseId: 'case-000001' });
  });
});
