/** What a notification says. The same payload goes to every channel kind. */
export interface AlertNotificationPayload {
  /** Unique per (alert, event, channel): receivers can drop repeats by it. */
  id: string;
  event: "opened" | "resolved" | "test";
  alert: {
    id: string;
    rule: string;
    severity: string;
    subjectType: string;
    subjectId: string;
    subjectName: string;
    tenantId: string | null;
    message: string;
    openedAt: string;
    resolvedAt: string | null;
  };
}

/** Somewhere alerts are delivered. `send` resolves once the receiver accepted the message. */
export interface NotificationChannel {
  readonly kind: "email" | "webhook";
  send(notification: AlertNotificationPayload): Promise<void>;
}

export function subjectLine(n: AlertNotificationPayload): string {
  const what = n.event === "opened" ? "ALERT" : n.event === "resolved" ? "RESOLVED" : "TEST";
  return `[${what}] ${n.alert.message}`;
}

export function textBody(n: AlertNotificationPayload): string {
  return [
    n.event === "opened"
      ? "An alert opened:"
      : n.event === "resolved"
        ? "An alert was resolved:"
        : "This is a test notification:",
    "",
    n.alert.message,
    "",
    `Rule: ${n.alert.rule} (${n.alert.severity})`,
    `Subject: ${n.alert.subjectType} ${n.alert.subjectName}`,
    `Opened: ${n.alert.openedAt}`,
    ...(n.alert.resolvedAt ? [`Resolved: ${n.alert.resolvedAt}`] : []),
  ].join("\n");
}
