import { Logger } from '@nestjs/common';

// Tiers that start servers (PostgreSQL, mediasoup workers) need more than jest's 5 s default.
jest.setTimeout(60_000);
// Code that logs through Nest outside an app (migrations run by a test) would print every
// debug line; failures still show.
Logger.overrideLogger(['error', 'warn']);
