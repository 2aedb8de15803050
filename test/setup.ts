import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// Times in tests are UTC unless a test says otherwise; HTTP never leaves the machine except to loopback.
process.env['TZ'] = 'UTC';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) {
    throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
  }
});
