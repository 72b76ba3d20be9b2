import { DetailHeader } from "../../../../../../../components/detail-header";
import {
  BanButton,
  OccupantActions,
  RoomSubjectForm,
  UnbanButton,
} from "../../../../../../../components/forms/room-moderation";
import { MainWithAside, Row, Rows } from "../../../../../../../components/list-page";
import { Badge } from "../../../../../../../components/ui/badge";
import { Card, EmptyState } from "../../../../../../../components/ui/card";
import { Alert } from "../../../../../../../components/ui/field";
import { asProblem, localizeProblem } from "../../../../../../../lib/api/problem";
import { must, serverApi } from "../../../../../../../lib/api/server";
import { interpolate } from "../../../../../../../lib/i18n/format";
import { getI18n } from "../../../../../../../lib/i18n/server";

/** A group chat's moderation: who is in it now, who belongs to it, and its subject. */
export default async function RoomModerationPage({
  params,
}: {
  params: Promise<{ tenantId: string; domainId: string; roomId: string }>;
}) {
  const { tenantId, domainId, roomId } = await params;
  const { m, locale } = await getI18n();
  const t = m.moderation;
  const api = await serverApi();
  const path = { params: { path: { roomId } } };
  const room = must(await api.GET("/api/v1/rooms/{roomId}", path));
  // Both are read live from the chat server: when it does not answer, the page says so rather than failing.
  const [occupants, affiliations] = await Promise.all([
    api.GET("/api/v1/rooms/{roomId}/occupants", path),
    api.GET("/api/v1/rooms/{roomId}/affiliations", path),
  ]);
  const notShown = (r: { response: Response }) => [400, 401, 403, 404].includes(r.response.status);
  if (notShown(occupants)) must(occupants);
  if (notShown(affiliations)) must(affiliations);
  const failed = [occupants, affiliations].find((r) => !r.response.ok);
  const problem = failed ? localizeProblem(asProblem(failed.error, failed.response.status), m, locale) : null;
  const name = room.title || room.name;
  // Read with the occupants; undefined where the server did not answer or its kind does not say.
  const subject = occupants.data?.subject;

  const lists = affiliations.data
    ? ([
        [t.owners, affiliations.data.owner, false],
        [t.admins, affiliations.data.admin, false],
        [t.members, affiliations.data.member, false],
        [t.banned, affiliations.data.outcast, true],
      ] as const)
    : [];

  return (
    <>
      <DetailHeader
        back={`/t/${tenantId}/domains/${domainId}?tab=rooms`}
        backLabel={t.back}
        title={interpolate(t.title, { name })}
        status={room.state}
        lead={room.jid}
      />
      {problem ? <Alert>{problem.detail ?? t.unavailable}</Alert> : null}
      <MainWithAside
        mainClassName="space-y-4"
        aside={
          <Card title={t.subject}>
            {subject === undefined ? null : (
              <p className="mb-3 break-words text-sm text-zinc-800" data-room-subject={subject}>
                {subject ? interpolate(t.currentSubject, { subject }) : t.noSubject}
              </p>
            )}
            <RoomSubjectForm roomId={roomId} current={subject ?? ""} />
          </Card>
        }
      >
        <Card title={t.occupants}>
          {occupants.data && occupants.data.occupants.length === 0 ? (
            <EmptyState title={t.emptyTitle} body={t.emptyBody} />
          ) : (
            <Rows>
              {(occupants.data?.occupants ?? []).map((o) => (
                <Row key={o.nick} data-occupant={o.nick}>
                  <div>
                    <p className="font-medium">
                      {o.nick} <Badge tone={o.role === "moderator" ? "blue" : "zinc"}>{t.roles[o.role]}</Badge>{" "}
                      {o.affiliation !== "none" ? <Badge tone="zinc">{t.affiliationNames[o.affiliation]}</Badge> : null}
                    </p>
                    <p className="text-sm text-zinc-600">
                      {t.account}: {o.jid ?? t.unknownAccount}
                    </p>
                  </div>
                  <OccupantActions roomId={roomId} occupant={o} />
                </Row>
              ))}
            </Rows>
          )}
        </Card>
        <Card title={t.affiliations}>
          <div className="space-y-4">
            {lists.map(([label, jids, banned]) => (
              <section key={label} aria-label={label}>
                <h3 className="text-sm font-semibold">{label}</h3>
                {jids.length === 0 ? (
                  <p className="text-sm text-zinc-600">{t.nobody}</p>
                ) : (
                  <Rows>
                    {jids.map((jid) => (
                      <Row key={jid} data-affiliation={jid}>
                        <span>{jid}</span>
                        {banned ? <UnbanButton roomId={roomId} jid={jid} /> : <BanButton roomId={roomId} jid={jid} />}
                      </Row>
                    ))}
                  </Rows>
                )}
              </section>
            ))}
          </div>
        </Card>
      </MainWithAside>
    </>
  );
}
