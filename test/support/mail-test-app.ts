import { startSmtpCapture, type SmtpCapture } from './smtp-capture';
import { startTestApp, type TestApp } from './test-app';
import { TEST_PUBLIC_URL } from './mail-links';

export interface MailTestApp {
  testApp: TestApp;
  smtp: SmtpCapture;
  close(): Promise<void>;
}

/** The real app delivering its e-mail to an SMTP server inside the test process. */
export async function startMailTestApp(settings: Record<string, string> = {}): Promise<MailTestApp> {
  const smtp = await startSmtpCapture();
  const testApp = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: TEST_PUBLIC_URL, MAIL_FROM: 'Vetmeet <no-reply@vetmeet.test>', ...settings });
  return {
    testApp,
    smtp,
    close: async () => {
      await testApp.close();
      await smtp.close();
    },
  };
}
