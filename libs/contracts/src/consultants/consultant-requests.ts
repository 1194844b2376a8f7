import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONSULTATION_MAX_MINUTES, CONSULTATION_MIN_MINUTES } from '../consultations/consultation-payloads';
import { CHARGE_CURRENCY_CODES, STRIPE_MAXIMUM_CHARGE } from '../payments/charge-currencies';
import {
  CONSULTANT_DIRECTORY_MAX_LIMIT,
  CONSULTANT_MAX_DATE_OVERRIDES,
  CONSULTANT_MAX_OFFERINGS,
  CONSULTANT_MAX_WEEKLY_RULES,
  CONSULTANT_WEEKDAYS,
  type ConsultantAvailabilityPayload,
  type ConsultantDirectoryQueryPayload,
  type ConsultantOffering,
  type ConsultantProfilePayload,
  type ConsultantSlotsQueryPayload,
  type ConsultantWeekday,
  type DateOverridePayload,
  type LocalTimeIntervalPayload,
  type TimeOffPayload,
  type WeeklyRulePayload,
} from './consultant-payloads';
import { IsTimestamp } from '../validation/timestamp';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A short code such as 'dog' or 'dermatology': what filters match on exactly. */
const CODE = /^[a-z][a-z0-9_-]{0,39}$/;
/** A BCP 47 tag in its common shape: language, then optional script/region/variant subtags. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_BUFFER_MINUTES = 24 * 60;
const MAX_NOTICE_MINUTES = 366 * 24 * 60;
const MAX_HORIZON_DAYS = 366;

/** Stacks validators into one property decorator. */
const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, property) => {
    for (const decorator of decorators) decorator(target, property);
  };
const Codes = () => rules(IsArray(), ArrayMaxSize(20), Matches(CODE, { each: true, message: '$property: each must be a short lower-case code' }));

export class ConsultantOfferingRequest implements ConsultantOffering {
  @IsInt()
  @Min(CONSULTATION_MIN_MINUTES)
  @Max(CONSULTATION_MAX_MINUTES)
  durationMinutes!: number;

  /** 0 for free; otherwise what Stripe can charge in the profile's currency (checked with it: chargeAmountProblem). */
  @IsInt()
  @Min(0)
  @Max(STRIPE_MAXIMUM_CHARGE)
  priceAmount!: number;
}

export class ConsultantProfileRequest implements ConsultantProfilePayload {
  @trimmed()
  @IsString()
  @Length(1, 80)
  displayName!: string;

  @Codes()
  specialties!: string[];

  @Codes()
  species!: string[];

  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_TAG, { each: true, message: '$property: each must be a BCP 47 language tag such as en or pt-BR' })
  languages!: string[];

  @IsString()
  @MaxLength(4_000)
  bio!: string;

  @IsString()
  @Length(1, 64)
  timeZone!: string;

  @IsIn(CHARGE_CURRENCY_CODES, {
    message: '$property must be the upper-case ISO 4217 code of a currency Stripe charges cards in, e.g. EUR',
  })
  priceCurrency!: string;

  @IsArray()
  @ArrayMaxSize(CONSULTANT_MAX_OFFERINGS)
  @ValidateNested({ each: true })
  @Type(() => ConsultantOfferingRequest)
  offerings!: ConsultantOfferingRequest[];

  @IsBoolean()
  autoAccept!: boolean;

  @IsBoolean()
  published!: boolean;
}

export class LocalTimeIntervalRequest implements LocalTimeIntervalPayload {
  @Matches(LOCAL_TIME, { message: '$property must be HH:MM' })
  start!: string;

  @Matches(LOCAL_TIME, { message: '$property must be HH:MM' })
  end!: string;
}

export class WeeklyRuleRequest extends LocalTimeIntervalRequest implements WeeklyRulePayload {
  @IsIn(CONSULTANT_WEEKDAYS)
  weekday!: ConsultantWeekday;
}

export class DateOverrideRequest implements DateOverridePayload {
  @Matches(LOCAL_DATE, { message: '$property must be YYYY-MM-DD' })
  date!: string;

  @IsOptional()
  @IsBoolean()
  closed?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => LocalTimeIntervalRequest)
  intervals?: LocalTimeIntervalRequest[];
}

export class ConsultantAvailabilityRequest implements ConsultantAvailabilityPayload {
  @IsArray()
  @ArrayMaxSize(CONSULTANT_MAX_WEEKLY_RULES)
  @ValidateNested({ each: true })
  @Type(() => WeeklyRuleRequest)
  weeklyRules!: WeeklyRuleRequest[];

  @IsArray()
  @ArrayMaxSize(CONSULTANT_MAX_DATE_OVERRIDES)
  @ValidateNested({ each: true })
  @Type(() => DateOverrideRequest)
  dateOverrides!: DateOverrideRequest[];

  @IsInt()
  @Min(0)
  @Max(MAX_BUFFER_MINUTES)
  bufferBeforeMinutes!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_BUFFER_MINUTES)
  bufferAfterMinutes!: number;

  @IsInt()
  @Min(0)
  @Max(MAX_NOTICE_MINUTES)
  minimumNoticeMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_HORIZON_DAYS)
  horizonDays!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  dailyLimit!: number | null;

  @IsOptional()
  @IsInt()
  @Min(CONSULTATION_MIN_MINUTES)
  @Max(CONSULTATION_MAX_MINUTES)
  stepMinutes!: number | null;
}

export class TimeOffRequest implements TimeOffPayload {
  @IsTimestamp()
  startsAt!: string;

  @IsTimestamp()
  endsAt!: string;
}

/** Query strings arrive as text: numbers are converted before they are checked. */
export class ConsultantDirectoryQuery implements ConsultantDirectoryQueryPayload {
  @IsOptional()
  @Matches(CODE, { message: '$property must be a short lower-case code' })
  species?: string;

  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: '$property must be a BCP 47 language tag' })
  language?: string;

  @IsOptional()
  @Matches(CODE, { message: '$property must be a short lower-case code' })
  specialty?: string;

  @IsOptional()
  @Matches(LOCAL_DATE, { message: '$property must be YYYY-MM-DD' })
  date?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CONSULTANT_DIRECTORY_MAX_LIMIT)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ConsultantSlotsQuery implements ConsultantSlotsQueryPayload {
  @IsString()
  @MaxLength(40)
  from!: string;

  @IsString()
  @MaxLength(40)
  to!: string;

  @Type(() => Number)
  @IsInt()
  @Min(CONSULTATION_MIN_MINUTES)
  @Max(CONSULTATION_MAX_MINUTES)
  durationMinutes!: number;

  @IsString()
  @Length(1, 64)
  timeZone!: string;
}
