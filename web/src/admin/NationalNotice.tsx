/**
 * National configuration (docs/adr/0040): the holiday calendar, the violation catalogue, the legal
 * parameters and the national procedures are the same for every unit and changed by a national
 * administrator only. Their pages say so: read only, with who changes them, to a unit's admin; a
 * reminder that a change reaches every unit, to a national administrator. The server decides
 * (403 `NATIONAL_CONFIGURATION`); this only keeps the page from offering what it would refuse.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isNationalAdmin, type TNationalConfiguration } from '../../../domain/tenancy.js';
import { useUser } from '../lib/session.js';

/** Whether the signed-in user changes the national configuration. */
export function useEditsNational(): boolean {
  return isNationalAdmin(useUser().roles);
}

/** `what`: the page's configuration (`PROCEDURE`: the one national procedure shown). */
export function NationalNotice({ what, children }: { what: TNationalConfiguration | 'PROCEDURE'; children?: ReactNode }) {
  const { t } = useTranslation('admin');
  const editable = useEditsNational();
  const id = `national-notice-${what}`;
  return (
    <section className={`national-notice ${editable ? 'editable' : 'read-only'}`} aria-labelledby={id} data-testid="national-notice" data-mode={editable ? 'editable' : 'read-only'}>
      <h2 id={id}>
        <span className="badge national">{t('tenancy.nationalBadge')}</span> {editable ? t('tenancy.editableTitle') : t('tenancy.readOnlyTitle')}
      </h2>
      <p>{t(editable ? 'tenancy.editable' : 'tenancy.readOnly', { what: t(`tenancy.what.${what}`) })}</p>
      {children}
    </section>
  );
}
