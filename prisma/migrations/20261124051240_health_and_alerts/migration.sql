-- CreateTable
CREATE TABLE "HealthSample" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "connectMs" DOUBLE PRECISION,
    "tlsMs" DOUBLE PRECISION,
    "loginMs" DOUBLE PRECISION,
    "pingMs" DOUBLE PRECISION,
    "onlineUsers" INTEGER,
    "memoryBytes" BIGINT,
    "certificateDaysLeft" DOUBLE PRECISION,
    "s2sReachable" BOOLEAN,
    "httpReachable" BOOLEAN,
    "mucRooms" INTEGER,
    "s2sConnections" INTEGER,
    "messagesPerMinute" DOUBLE PRECISION,
    "domains" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "HealthSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthRollup" (
    "instanceId" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "upSamples" INTEGER NOT NULL,
    "loginMs" DOUBLE PRECISION,
    "onlineUsers" DOUBLE PRECISION,
    "memoryBytes" DOUBLE PRECISION,
    "messagesPerMinute" DOUBLE PRECISION,

    CONSTRAINT "HealthRollup_pkey" PRIMARY KEY ("instanceId","resolution","bucket")
);

-- CreateTable
CREATE TABLE "InstanceHealth" (
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "domains" JSONB NOT NULL DEFAULT '[]',
    "consecutiveDown" INTEGER NOT NULL DEFAULT 0,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceHealth_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "ProbeAccount" (
    "instanceId" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProbeAccount_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secretEncrypted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "rule" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectName" TEXT NOT NULL,
    "instanceId" TEXT,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertNotification" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HealthSample_instanceId_at_idx" ON "HealthSample"("instanceId", "at");

-- CreateIndex
CREATE INDEX "HealthSample_at_idx" ON "HealthSample"("at");

-- CreateIndex
CREATE INDEX "HealthRollup_resolution_bucket_idx" ON "HealthRollup"("resolution", "bucket");

-- CreateIndex
CREATE INDEX "AlertChannel_tenantId_idx" ON "AlertChannel"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_tenantId_openedAt_idx" ON "Alert"("tenantId", "openedAt");

-- CreateIndex
CREATE INDEX "Alert_status_idx" ON "Alert"("status");

-- CreateIndex
CREATE INDEX "AlertNotification_status_createdAt_idx" ON "AlertNotification"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertNotification_alertId_kind_channelId_key" ON "AlertNotification"("alertId", "kind", "channelId");

-- AddForeignKey
ALTER TABLE "AlertNotification" ADD CONSTRAINT "AlertNotification_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertNotification" ADD CONSTRAINT "AlertNotification_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

