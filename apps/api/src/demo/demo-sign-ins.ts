import { Injectable } from '@nestjs/common';
import type { DemoSignInView } from '@vetmeet/contracts';
import { DEMO_PEOPLE } from './demo-cast';
import type { DemoPasswords } from './demo-passwords';

/** The demo's sign-ins once this start found or made the demo, for the log and the sign-in page. */
@Injectable()
export class DemoSignIns {
  private accounts: DemoSignInView[] = [];

  remember(passwords: DemoPasswords): void {
    this.accounts = DEMO_PEOPLE.map(({ key, role, label, displayName, email }) => ({
      role,
      label,
      displayName,
      email,
      password: passwords[key],
    }));
  }

  list(): DemoSignInView[] {
    return this.accounts;
  }
}
