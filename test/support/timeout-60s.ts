// Tiers that start servers (PostgreSQL, mediasoup workers) need more than jest's 5 s default.
jest.setTimeout(60_000);
