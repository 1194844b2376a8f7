// Browser tests launch Chromium and wait for real media to flow.
jest.setTimeout(120_000);
