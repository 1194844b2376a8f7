import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BookingListQuery,
  CreateBookingRequest,
  RescheduleBookingRequest,
  RescheduleSlotsQuery,
  TestPaymentRequest,
  type BookingCreatedView,
  type BookingListPage,
  type BookingPaymentStart,
  type BookingView,
  type ConsultantSlotsView,
  type PetView,
} from '@vetmeet/contracts';
import type { Response } from 'express';
import { AttachmentsService } from '../attachments/attachments.service';
import { CurrentActor, type Actor } from '../auth/actor';
import { BookingsService } from './bookings.service';

@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Holds the slot for BOOKING_HOLD_MINUTES and starts the payment; the price is the consultant's, never the client's. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateBookingRequest): Promise<BookingCreatedView> {
    return this.bookings.create(actor, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: BookingListQuery): Promise<BookingListPage> {
    return this.bookings.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.bookings.get(actor, id);
  }

  /** The payment form's start again (same PaymentIntent), for the owner while the booking is held; BOOKING_STATE otherwise. */
  @Get(':id/payment')
  payment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BookingPaymentStart> {
    return this.bookings.paymentStart(actor, id);
  }

  /** Free times to move the booking to (its own time counts as free), for its owner or consultant. */
  @Get(':id/reschedule-slots')
  rescheduleSlots(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: RescheduleSlotsQuery): Promise<ConsultantSlotsView> {
    return this.bookings.rescheduleSlots(actor, id, query);
  }

  /** The pet's record, for the owner and (once paid) the consultant. */
  @Get(':id/pet')
  pet(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PetView> {
    return this.bookings.petRecord(actor, id);
  }

  /** A photo the owner shared for this booking, for its consultant (the owner reads it from the pet's record). */
  @Get(':id/photos/:photoId')
  photo(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('photoId', ParseUUIDPipe) photoId: string,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.attachments.downloadSharedWithConsultant(actor, id, photoId, range, response);
  }

  /** Local test payment mode only (PAYMENT_MODE otherwise). */
  @Post(':id/test-payment')
  @HttpCode(200)
  testPayment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: TestPaymentRequest): Promise<BookingView> {
    return this.bookings.payWithTestCard(actor, id, body.outcome);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.bookings.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.bookings.decline(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BookingView> {
    return this.bookings.cancel(actor, id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  reschedule(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RescheduleBookingRequest): Promise<BookingView> {
    return this.bookings.reschedule(actor, id, body.startsAt);
  }
}
