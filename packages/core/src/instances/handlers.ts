import type { CoreContext } from "../context.ts";
import { isUnderPlatformDomain, platformSettings } from "../dns/service.ts";
import { type OperationContext, type OperationHandlers, PermanentError, type Progress } from "../operations/handler.ts";
import { assignPorts } from "./service.ts";

/** Under the server's lock: nothing else renders its configuration while it starts. */
function startInstance(ctx: OperationContext, instanceId: string, progress: Progress) {
  return ctx.services.withInstanceLock(instanceId, async () => {
    const instance = await ctx.db.instance.findUnique({ where: { id: instanceId } });
    if (!instance) throw new PermanentError("the instance no longer exists");
    if (instance.status === "deleting") throw new PermanentError("the instance is being deleted");
    const ports = await assignPorts(ctx, instance.id, ctx.services.ports);
    const started = await ctx.services.startServer(instance.id, progress);
    const updated = await ctx.db.instance.update({
      where: { id: instance.id },
      data: { status: "running", pid: started.pid, version: started.version, lastError: null },
    });
    // A server from before direct TLS got its port just now: its free addresses publish the new service record.
    if (instance.c2sPort !== null && instance.directTlsPort === null && ports.directTlsPort !== null) {
      const domains = await ctx.db.domain.findMany({ where: { instanceId: instance.id, state: "active" } });
      for (const d of domains)
        if (isUnderPlatformDomain(d.name, platformSettings(ctx)))
          await ctx.services.publishPlatformRecords(d, updated, true);
    }
    await ctx.services.scheduleServer(instance);
    return started;
  });
}

async function stopInstance(ctx: OperationContext, instanceId: string) {
  await ctx.services.stopServer(instanceId);
  await ctx.db.instance.update({ where: { id: instanceId }, data: { status: "stopped", pid: null } });
  return undefined;
}

/** A server that could not be started says why on its page. */
async function markFailed(ctx: CoreContext, instanceId: string, message: string) {
  await ctx.db.instance.updateMany({ where: { id: instanceId }, data: { status: "failed", lastError: message } });
}

export const instanceHandlers = {
  "instance.create": { run: (ctx, op, progress) => startInstance(ctx, op.resourceId, progress), failed: markFailed },
  "instance.start": { run: (ctx, op, progress) => startInstance(ctx, op.resourceId, progress), failed: markFailed },
  "instance.stop": { run: (ctx, op) => stopInstance(ctx, op.resourceId) },
  "instance.restart": {
    run: async (ctx, op, progress) => {
      await progress(10, "stopping the server");
      await stopInstance(ctx, op.resourceId);
      return startInstance(ctx, op.resourceId, progress);
    },
    failed: markFailed,
  },
  "instance.delete": {
    run: async (ctx, op, progress) => {
      const instance = await ctx.db.instance.findUnique({ where: { id: op.resourceId } });
      if (!instance) return { alreadyDeleted: true };
      await progress(30, "stopping and removing the server");
      await ctx.services.unscheduleServer(instance.id);
      await ctx.services.destroyServer(instance.id);
      await progress(80, "removing the records");
      await ctx.db.$transaction([
        ctx.db.domain.deleteMany({ where: { instanceId: instance.id } }),
        ctx.db.instance.delete({ where: { id: instance.id } }),
      ]);
      return undefined;
    },
  },
} satisfies OperationHandlers<
  "instance.create" | "instance.start" | "instance.stop" | "instance.restart" | "instance.delete"
>;
