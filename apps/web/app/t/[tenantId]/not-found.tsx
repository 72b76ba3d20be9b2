import { NotFoundNotice } from "../../../components/not-found-notice";
import { TenantOverviewLink } from "../../../components/tenant-overview-link";
import { getI18n } from "../../../lib/i18n/server";

/** Something of this organisation that does not exist (any more): said within its own pages' frame. */
export default async function TenantNotFound() {
  const { m } = await getI18n();
  return (
    <NotFoundNotice m={m}>
      <TenantOverviewLink label={m.app.backToOverview} />
    </NotFoundNotice>
  );
}
