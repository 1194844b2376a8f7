import { randomBytes } from 'node:crypto';
import { invalidRequest, resourceMissing, StripeFakeError } from './errors';
import { fixture, nowSeconds, stripeId, type StripeObject } from './fixtures';
import { field, type FormObject } from './form';
import type { Answer, Emit } from './resources';

/** How long an account link works, as at Stripe (a few minutes). */
const ACCOUNT_LINK_SECONDS = 300;

interface AccountLink {
  account: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

/**
 * Stripe Connect as the fake keeps it: connected accounts, their onboarding links (with a hosted
 * page the browser completes), and the money of destination charges: a transfer of the whole
 * charge to the account and the application fee collected back from it, and on a refund the
 * transfer reversal and the fee refund, both in proportion to the amount refunded.
 */
export class ConnectResources {
  readonly accounts = new Map<string, StripeObject>();
  readonly transfers = new Map<string, StripeObject>();
  readonly applicationFees = new Map<string, StripeObject>();
  private readonly links = new Map<string, AccountLink>();

  constructor(
    private readonly emit: Emit,
    private readonly origin: () => string,
  ) {}

  createAccount(form: FormObject): Answer {
    const type = field(form, 'type');
    if (type !== undefined && !['express', 'standard', 'custom'].includes(type)) {
      throw invalidRequest(`Invalid type: must be one of custom, express, or standard`, { param: 'type' });
    }
    const id = stripeId('acct').replace(/[^A-Za-z0-9_]/g, 'x');
    const account = fixture('account', {
      id,
      created: nowSeconds(),
      type: type ?? 'express',
      metadata: typeof form.metadata === 'object' ? form.metadata : {},
    });
    (account.external_accounts as { url: string }).url = `/v1/accounts/${id}/external_accounts`;
    this.accounts.set(id, account);
    return { status: 200, body: account };
  }

  retrieveAccount(id: string): Answer {
    return { status: 200, body: this.account(id, 'account') };
  }

  createAccountLink(form: FormObject): Answer {
    const accountId = field(form, 'account');
    if (!accountId)
      throw invalidRequest('Missing required param: account.', { code: 'parameter_missing', param: 'account' });
    this.account(accountId, 'account');
    const type = field(form, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      throw invalidRequest('Invalid type: must be one of account_onboarding or account_update', { param: 'type' });
    }
    const refreshUrl = field(form, 'refresh_url');
    const returnUrl = field(form, 'return_url');
    for (const [param, url] of [
      ['refresh_url', refreshUrl],
      ['return_url', returnUrl],
    ] as const) {
      if (!url || !/^https?:\/\//.test(url)) throw invalidRequest(`Not a valid URL`, { code: 'url_invalid', param });
    }
    const token = randomBytes(16).toString('hex');
    const created = nowSeconds();
    this.links.set(token, {
      account: accountId,
      refreshUrl: refreshUrl!,
      returnUrl: returnUrl!,
      expiresAt: created + ACCOUNT_LINK_SECONDS,
      used: false,
    });
    const link = fixture('account-link', {
      created,
      expires_at: created + ACCOUNT_LINK_SECONDS,
      url: `${this.origin()}/setup/e/${accountId}/${token}`,
    });
    return { status: 200, body: link };
  }

  /** The hosted onboarding page of a link: a form to submit, or where Stripe sends a stale link (its refresh_url). */
  onboardingPage(token: string): { html: string } | { redirect: string } | null {
    const link = this.links.get(token);
    if (!link) return null;
    if (link.used || link.expiresAt < nowSeconds()) return { redirect: link.refreshUrl };
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Stripe test onboarding</title></head>
<body><main><h1>Set up payouts (Stripe test mode)</h1>
<p>Account <code>${link.account}</code>. This stands in for Stripe's hosted onboarding: no real details are asked.</p>
<form method="post" action="/setup/e/${link.account}/${token}"><button type="submit">Agree and submit</button></form>
</main></body></html>`;
    return { html };
  }

  /** Submitting the hosted page: the account can take charges and be paid out; Stripe sends the admin back. */
  submitOnboarding(token: string): string | null {
    const link = this.links.get(token);
    if (!link) return null;
    if (link.used || link.expiresAt < nowSeconds()) return link.refreshUrl;
    link.used = true;
    this.completeOnboarding(link.account);
    return link.returnUrl;
  }

  /** Test control: the account's holder gave every detail Stripe asked for (account.updated follows). */
  completeOnboarding(accountId: string): StripeObject {
    const account = this.account(accountId, 'account');
    Object.assign(account, {
      business_type: 'company',
      capabilities: { card_payments: 'active', transfers: 'active' },
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      requirements: {
        ...(account.requirements as object),
        currently_due: [],
        eventually_due: [],
        past_due: [],
        disabled_reason: null,
      },
    });
    this.emit('account.updated', account);
    return account;
  }

  /** Test control: Stripe wants more from the holder and pauses charges until then (account.updated follows). */
  requireMore(accountId: string, due: string[], disabledReason = 'requirements.past_due'): StripeObject {
    const account = this.account(accountId, 'account');
    Object.assign(account, {
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
      charges_enabled: false,
      payouts_enabled: false,
      requirements: {
        ...(account.requirements as object),
        currently_due: due,
        past_due: due,
        disabled_reason: disabledReason,
      },
    });
    this.emit('account.updated', account);
    return account;
  }

  /** Checks the Connect parameters of a new PaymentIntent; answers its fields. */
  destinationOf(
    form: FormObject,
    amount: number,
  ): { transfer_data: { destination: string } | null; application_fee_amount: number | null } {
    const transferData = form.transfer_data;
    const destination = typeof transferData === 'object' ? field(transferData, 'destination') : undefined;
    const rawFee = field(form, 'application_fee_amount');
    if (rawFee !== undefined && !destination) {
      throw invalidRequest(
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an ' +
          'OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
        { param: 'application_fee_amount' },
      );
    }
    if (!destination) return { transfer_data: null, application_fee_amount: null };
    const account = this.accounts.get(destination);
    if (!account)
      throw invalidRequest(`No such destination: '${destination}'`, {
        code: 'resource_missing',
        param: 'transfer_data[destination]',
      });
    if ((account.capabilities as { transfers?: string }).transfers !== 'active') {
      throw invalidRequest(
        'Your destination account needs to have at least one of the following capabilities enabled: ' +
          'transfers, crypto_transfers, legacy_payments',
        { code: 'insufficient_capabilities_for_transfer', param: 'transfer_data[destination]' },
      );
    }
    const fee = rawFee === undefined ? null : Number(rawFee);
    if (fee !== null && (!Number.isSafeInteger(fee) || fee < 0 || fee > amount)) {
      throw invalidRequest('The application fee must be a non-negative integer no greater than the amount.', {
        param: 'application_fee_amount',
      });
    }
    return { transfer_data: { destination }, application_fee_amount: fee };
  }

  /** A destination charge succeeded: the whole charge goes to the account, then the fee comes back to the platform. */
  settleDestinationCharge(intent: StripeObject, charge: StripeObject): void {
    const destination = (intent.transfer_data as { destination: string } | null)?.destination;
    if (!destination) return;
    const created = nowSeconds();
    const transferId = stripeId('tr');
    const transfer = fixture('transfer', {
      id: transferId,
      amount: charge.amount,
      created,
      currency: charge.currency,
      destination,
      destination_payment: stripeId('py'),
      source_transaction: charge.id,
      transfer_group: `group_${String(intent.id)}`,
      reversals: {
        object: 'list',
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/transfers/${transferId}/reversals`,
      },
    });
    this.transfers.set(transferId, transfer);
    let feeId: string | null = null;
    const feeAmount = intent.application_fee_amount as number | null;
    if (feeAmount) {
      feeId = stripeId('fee');
      this.applicationFees.set(
        feeId,
        fixture('application-fee', {
          id: feeId,
          account: destination,
          amount: feeAmount,
          charge: charge.id,
          created,
          currency: charge.currency,
          refunds: {
            object: 'list',
            data: [],
            has_more: false,
            total_count: 0,
            url: `/v1/application_fees/${feeId}/refunds`,
          },
        }),
      );
    }
    Object.assign(charge, {
      application_fee: feeId,
      application_fee_amount: feeAmount,
      destination,
      transfer: transferId,
      transfer_data: { amount: null, destination },
      transfer_group: transfer.transfer_group,
    });
  }

  /**
   * A refund of a destination charge: with reverse_transfer the transfer is reversed by the refund's share
   * of the charge, with refund_application_fee the fee is refunded by that share (rounded to the nearest
   * minor unit; the last refund takes whatever is left). Answers the refund's transfer_reversal.
   */
  refundDestinationCharge(charge: StripeObject, refund: StripeObject, form: FormObject): string | null {
    const reverse = field(form, 'reverse_transfer') === 'true';
    const refundFee = field(form, 'refund_application_fee') === 'true';
    if (!charge.transfer) {
      if (reverse || refundFee)
        throw invalidRequest('This charge has no transfer or application fee to reverse.', {
          param: reverse ? 'reverse_transfer' : 'refund_application_fee',
        });
      return null;
    }
    const amount = refund.amount as number;
    const fullyRefunded = Number(charge.amount_refunded) + amount === Number(charge.amount);
    const share = (total: number, done: number) =>
      fullyRefunded ? total - done : Math.min(total - done, Math.round((total * amount) / Number(charge.amount)));
    let reversalId: string | null = null;
    if (reverse) {
      const transfer = this.transfers.get(String(charge.transfer))!;
      const reversed = share(Number(transfer.amount), Number(transfer.amount_reversed));
      reversalId = stripeId('trr');
      const reversal = fixture('transfer-reversal', {
        id: reversalId,
        amount: reversed,
        created: nowSeconds(),
        currency: transfer.currency,
        destination_payment_refund: stripeId('pyr'),
        source_refund: refund.id,
        transfer: transfer.id,
      });
      const list = transfer.reversals as { data: StripeObject[]; total_count: number };
      list.data.unshift(reversal);
      list.total_count += 1;
      transfer.amount_reversed = Number(transfer.amount_reversed) + reversed;
      transfer.reversed = transfer.amount_reversed === transfer.amount;
    }
    const fee =
      typeof charge.application_fee === 'string' ? this.applicationFees.get(charge.application_fee) : undefined;
    if (refundFee && fee) {
      const back = share(Number(fee.amount), Number(fee.amount_refunded));
      const feeRefund = fixture('fee-refund', {
        id: stripeId('fr'),
        amount: back,
        created: nowSeconds(),
        currency: fee.currency,
        fee: fee.id,
      });
      const list = fee.refunds as { data: StripeObject[]; total_count: number };
      list.data.unshift(feeRefund);
      list.total_count += 1;
      fee.amount_refunded = Number(fee.amount_refunded) + back;
      fee.refunded = fee.amount_refunded === fee.amount;
    }
    return reversalId;
  }

  retrieveTransfer(id: string): Answer {
    const transfer = this.transfers.get(id);
    if (!transfer) throw resourceMissing('transfer', id, 'id');
    return { status: 200, body: transfer };
  }

  retrieveApplicationFee(id: string): Answer {
    const fee = this.applicationFees.get(id);
    if (!fee) throw resourceMissing('application_fee', id, 'id');
    return { status: 200, body: fee };
  }

  /** An account that is not the platform's (or none at all) is refused as Stripe does: 403 account_invalid. */
  private account(id: string, param: string): StripeObject {
    const account = this.accounts.get(id);
    if (!account) {
      throw new StripeFakeError(
        403,
        'invalid_request_error',
        `The provided key does not have access to account '${id}' (or that account does not exist). ` +
          'Application access may have been revoked.',
        { code: 'account_invalid', param },
      );
    }
    return account;
  }
}
