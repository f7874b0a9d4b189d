/**
 * The signing certificate in Settings, in Chromium: none at first, one made by the commander
 * (its fingerprint shown, the public certificate saved as PEM), the agency's PKCS#12 refused
 * with a wrong passphrase beside the field and imported with the right one in place of the
 * first, which is listed as kept; an administrator sees the certificate but no buttons.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADMINISTRATOR,
  COMMANDER,
  expectAccessible,
  openApp,
  openModule,
  signInAs,
  signOut,
  UI_TIMEOUT,
  useBrowser,
} from '../support/browser';
import { opensslPkcs12 } from '../support/pkcs12';
import { tempFolder } from '../support/temp';

const browser = useBrowser();

describe('Settings: the signing certificate', () => {
  it('is made by the commander, saved as PEM for recipients, and replaced by the agency’s own', async () => {
    const app = await openApp(browser(), { people: [ADMINISTRATOR] });
    const { page } = app;
    const files = tempFolder('e2e-signing');
    await signInAs(page, COMMANDER);
    await openModule(page, 'Settings');
    const section = page.getByRole('region', { name: 'Signing certificate' });
    await section.getByText('No signing certificate yet').waitFor();
    await section.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'Settings, no signing certificate');
    await app.screenshot('settings-signing-none');

    await section.getByRole('button', { name: 'Make a certificate' }).click();
    const making = page.getByRole('dialog', { name: 'Make a signing certificate' });
    await making.getByLabel(/^Name on the signatures/).fill('Records Unit, Parsons PD');
    await expectAccessible(page, 'Settings, making a signing certificate');
    await app.screenshot('settings-signing-make');
    await making.getByRole('button', { name: 'Make the certificate' }).click();
    await page
      .getByText('Made "Records Unit, Parsons PD": new purge certificates and records are signed with it.')
      .waitFor({ timeout: UI_TIMEOUT });
    const fields = section.getByRole('definition');
    await expect.poll(() => fields.allTextContents()).toContain('Records Unit, Parsons PD');
    const made = app.service.workspace!.database()!.prepare('SELECT fingerprint_sha256 FROM signing_certificates').pluck().get() as string;
    await section.getByText(made).waitFor();
    await expectAccessible(page, 'Settings, a signing certificate in use');
    await app.screenshot('settings-signing-current');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Save the public certificate (PEM)' }).click(),
    ]);
    const pem = path.join(files, download.suggestedFilename());
    await download.saveAs(pem);
    expect(download.suggestedFilename()).toBe('department-signing-certificate.pem');
    const fingerprint = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(fingerprint.split('=')[1]!.trim().replaceAll(':', '').toLowerCase()).toBe(made);

    // the agency's PKCS#12: a wrong passphrase is said beside the field; nothing changes
    await section.getByRole('button', { name: "Import the agency's certificate" }).click();
    const importing = page.getByRole('dialog', { name: "Import the agency's signing certificate" });
    await importing.getByTestId('file-input').setInputFiles(
      opensslPkcs12(files, {
        subject: '/CN=Parsons PD Records/O=City of Parsons',
        passphrase: 'agency-secret',
        file: 'parsons-records.p12',
      }),
    );
    await importing.getByText('parsons-records.p12').waitFor();
    await importing.getByLabel("The file's passphrase").fill('not-it');
    await importing.getByLabel(/^Replace "Records Unit, Parsons PD"/).check();
    await importing.getByRole('button', { name: 'Import the certificate' }).click();
    await importing.getByText('The passphrase does not open this PKCS#12 file. Nothing was changed.').waitFor();
    await expect.poll(() => importing.getByLabel("The file's passphrase").getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'Settings, importing with a wrong passphrase');
    await app.screenshot('settings-signing-import-refused');
    await importing.getByLabel("The file's passphrase").fill('agency-secret');
    await importing.getByRole('button', { name: 'Import the certificate' }).click();
    await page.getByText('Imported "Parsons PD Records": new purge certificates and records are signed with it.').waitFor();
    const earlier = section.getByRole('table', { name: 'Earlier signing certificates' });
    await earlier.getByText('Records Unit, Parsons PD').waitFor();
    await expectAccessible(page, 'Settings, the agency certificate imported');
    await app.screenshot('settings-signing-imported');

    // the administrator reads it (to hand the PEM to a recipient) and changes nothing
    await signOut(page);
    await signInAs(page, ADMINISTRATOR);
    await openModule(page, 'Settings');
    await section.getByText('Parsons PD Records').first().waitFor();
    expect(await section.getByRole('button', { name: /Make a new certificate|Import the agency/ }).count()).toBe(0);
    await app.screenshot('settings-signing-administrator');
    expect(app.problems).toEqual([]);
  });
});
