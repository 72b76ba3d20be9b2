{{/* Names, labels and the pieces every workload shares. */}}

{{- define "xmpp-host.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "xmpp-host.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's name: (dict "root" $ "component" "api") -> RELEASE-xmpp-host-api */}}
{{- define "xmpp-host.componentName" -}}
{{- printf "%s-%s" (include "xmpp-host.fullname" .root | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "xmpp-host.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "xmpp-host.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: xmpp-host
{{- end -}}

{{/* Selector labels of a component: (dict "root" $ "component" "api") */}}
{{- define "xmpp-host.selectorLabels" -}}
app.kubernetes.io/name: {{ include "xmpp-host.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "xmpp-host.componentLabels" -}}
{{ include "xmpp-host.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The labels the worker puts on the managed servers' pods (see the NetworkPolicy). */}}
{{- define "xmpp-host.serverSelectorLabels" -}}
app.kubernetes.io/name: xmpp-server
app.kubernetes.io/part-of: xmpp-host
app.kubernetes.io/managed-by: xmpp-host
{{- end -}}

{{- define "xmpp-host.nodeImage" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) -}}
{{- end -}}

{{- define "xmpp-host.webImage" -}}
{{- printf "%s:%s" .Values.web.image.repository (.Values.web.image.tag | default .Chart.AppVersion | toString) -}}
{{- end -}}

{{- define "xmpp-host.workerServiceAccountName" -}}
{{- if .Values.worker.serviceAccount.create -}}
{{- default (include "xmpp-host.componentName" (dict "root" . "component" "worker")) .Values.worker.serviceAccount.name -}}
{{- else -}}
{{- required "worker.serviceAccount.name is required when worker.serviceAccount.create is false" .Values.worker.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret the pods read: the operator's, or the chart's. */}}
{{- define "xmpp-host.secretName" -}}
{{- default (include "xmpp-host.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The Secret the migration Job reads: the operator's, or a hook-time copy of the chart's (see migrations.yaml). */}}
{{- define "xmpp-host.migrationsSecretName" -}}
{{- default (include "xmpp-host.componentName" (dict "root" . "component" "migrations")) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "xmpp-host.postgresqlName" -}}
{{- include "xmpp-host.componentName" (dict "root" . "component" "postgresql") -}}
{{- end -}}

{{- define "xmpp-host.redisName" -}}
{{- include "xmpp-host.componentName" (dict "root" . "component" "redis") -}}
{{- end -}}

{{/* The Secret's data (values base64-encoded), without the keys left empty. Fails on what is required. */}}
{{- define "xmpp-host.secretData" -}}
{{- $s := .Values.secrets -}}
{{- $key := required "secrets.secretsKey is required (64 hex characters: openssl rand -hex 32), or set secrets.existingSecret" $s.secretsKey -}}
{{- if and $key (not (regexMatch "^[0-9a-fA-F]{64}$" $key)) -}}
{{- fail "secrets.secretsKey must be 64 hex characters (openssl rand -hex 32)" -}}
{{- end -}}
{{- $data := dict "SECRETS_KEY" $key -}}
{{- if not .Values.postgresql.enabled -}}
{{- $_ := set $data "DATABASE_URL" (required "externalDatabase.url is required (postgresql://USER:PASSWORD@HOST:5432/DATABASE), or set postgresql.enabled for a trial database, or put DATABASE_URL into secrets.existingSecret" .Values.externalDatabase.url) -}}
{{- end -}}
{{- if not .Values.redis.enabled -}}
{{- $_ := set $data "REDIS_URL" (required "externalRedis.url is required (redis://[:PASSWORD@]HOST:6379), or set redis.enabled for a trial Redis, or put REDIS_URL into secrets.existingSecret" .Values.externalRedis.url) -}}
{{- end -}}
{{- $optional := dict "METRICS_TOKEN" $s.metricsToken "SMTP_URL" $s.smtpUrl "S3_ACCESS_KEY_ID" $s.s3AccessKeyId "S3_SECRET_ACCESS_KEY" $s.s3SecretAccessKey "RFC2136_TSIG_SECRET" $s.rfc2136TsigSecret "CLOUDFLARE_API_TOKEN" $s.cloudflareApiToken "DEMO_OPERATOR_PASSWORD" $s.operatorPassword -}}
{{- range $k, $v := $optional -}}
{{- if $v -}}{{- $_ := set $data $k ($v | toString) -}}{{- end -}}
{{- end -}}
{{- if and .Values.migrations.seed.enabled (not $s.operatorPassword) -}}
{{- $_ := required "secrets.operatorPassword is required with migrations.seed.enabled" $s.operatorPassword -}}
{{- end -}}
{{- if and $s.metricsToken (lt (len ($s.metricsToken | toString)) 16) -}}
{{- fail "secrets.metricsToken must be 16 characters or more" -}}
{{- end -}}
{{- range $k := keys $data | sortAlpha }}
{{ $k }}: {{ get $data $k | b64enc | quote }}
{{- end -}}
{{- end -}}

{{/* The optional keys of the Secret: every one with an existingSecret, else those the values set. */}}
{{- define "xmpp-host.optionalSecretKeys" -}}
{{- $s := .Values.secrets -}}
{{- $all := list "METRICS_TOKEN" "SMTP_URL" "S3_ACCESS_KEY_ID" "S3_SECRET_ACCESS_KEY" "RFC2136_TSIG_SECRET" "CLOUDFLARE_API_TOKEN" -}}
{{- if $s.existingSecret -}}
{{- $all | join "," -}}
{{- else -}}
{{- $set := dict "METRICS_TOKEN" $s.metricsToken "SMTP_URL" $s.smtpUrl "S3_ACCESS_KEY_ID" $s.s3AccessKeyId "S3_SECRET_ACCESS_KEY" $s.s3SecretAccessKey "RFC2136_TSIG_SECRET" $s.rfc2136TsigSecret "CLOUDFLARE_API_TOKEN" $s.cloudflareApiToken -}}
{{- $out := list -}}
{{- range $k := $all -}}{{- if get $set $k -}}{{- $out = append $out $k -}}{{- end -}}{{- end -}}
{{- $out | join "," -}}
{{- end -}}
{{- end -}}

{{/*
The secret part of the API's and the worker's environment: (dict "root" $ "secretName" NAME). DATABASE_URL and
REDIS_URL of the in-cluster databases are built from their passwords with Kubernetes' $(VAR) expansion, so the
passwords stay in Secrets.
*/}}
{{- define "xmpp-host.secretEnv" -}}
{{- $root := .root -}}
{{- $name := .secretName -}}
- name: SECRETS_KEY
  valueFrom:
    secretKeyRef: { name: {{ $name | quote }}, key: SECRETS_KEY }
{{- if $root.Values.postgresql.enabled }}
- name: POSTGRESQL_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ include "xmpp-host.postgresqlName" $root | quote }}, key: password }
- name: DATABASE_URL
  value: {{ printf "postgresql://xmpphost:$(POSTGRESQL_PASSWORD)@%s:5432/xmpphost" (include "xmpp-host.postgresqlName" $root) | quote }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ $name | quote }}, key: DATABASE_URL }
{{- end }}
{{- if $root.Values.redis.enabled }}
{{- if $root.Values.redis.auth.password }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ include "xmpp-host.redisName" $root | quote }}, key: password }
- name: REDIS_URL
  value: {{ printf "redis://:$(REDIS_PASSWORD)@%s:6379" (include "xmpp-host.redisName" $root) | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379" (include "xmpp-host.redisName" $root) | quote }}
{{- end }}
{{- else }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ $name | quote }}, key: REDIS_URL }
{{- end }}
{{- range $k := splitList "," (include "xmpp-host.optionalSecretKeys" $root) }}
{{- if $k }}
- name: {{ $k }}
  valueFrom:
    secretKeyRef: { name: {{ $name | quote }}, key: {{ $k }}, optional: true }
{{- end }}
{{- end }}
{{- end -}}

{{/* Environment maps to ConfigMap data: strings, quoted, empty values left out, secrets refused. */}}
{{- define "xmpp-host.configData" -}}
{{- $secretNames := list "SECRETS_KEY" "DATABASE_URL" "REDIS_URL" "METRICS_TOKEN" "SMTP_URL" "S3_ACCESS_KEY_ID" "S3_SECRET_ACCESS_KEY" "RFC2136_TSIG_SECRET" "CLOUDFLARE_API_TOKEN" "DEMO_OPERATOR_PASSWORD" -}}
{{- range $k := keys . | sortAlpha }}
{{- $v := get $ $k }}
{{- if has $k $secretNames }}
{{- fail (printf "%s is a secret: set it under secrets (or in secrets.existingSecret), not in a ConfigMap" $k) }}
{{- end }}
{{- if not (kindIs "invalid" $v) }}
{{- if ne ($v | toString) "" }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The environment of the API and the worker (config plus what the chart derives), as JSON. */}}
{{- define "xmpp-host.sharedConfigJson" -}}
{{- $publicUrl := required "platform.publicUrl is required: the web app's public address, e.g. https://chat-admin.example.org" .Values.platform.publicUrl -}}
{{- $d := deepCopy .Values.config -}}
{{- $_ := set $d "WEB_PUBLIC_URL" $publicUrl -}}
{{- $_ := set $d "BACKUP_STORE" .Values.backups.store -}}
{{- if eq .Values.backups.store "local" -}}
{{- $_ := set $d "BACKUP_LOCAL_DIR" "/data/backups" -}}
{{- else if eq .Values.backups.store "s3" -}}
{{- $_ := set $d "S3_BUCKET" (required "backups.s3.bucket is required with backups.store s3" .Values.backups.s3.bucket) -}}
{{- $_ := set $d "S3_ENDPOINT" .Values.backups.s3.endpoint -}}
{{- $_ := set $d "S3_REGION" .Values.backups.s3.region -}}
{{- $_ := set $d "S3_FORCE_PATH_STYLE" (.Values.backups.s3.forcePathStyle | toString) -}}
{{- else -}}
{{- fail "backups.store must be local or s3" -}}
{{- end -}}
{{- toJson $d -}}
{{- end -}}

{{/* The image tag of a server image, for KUBERNETES_*_IMAGE. */}}
{{- define "xmpp-host.serverImage" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .root.Chart.AppVersion | toString) -}}
{{- end -}}

{{- define "xmpp-host.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext -}}
{{- end -}}

{{- define "xmpp-host.containerSecurityContext" -}}
{{- toYaml .Values.securityContext -}}
{{- end -}}

{{/* A PodDisruptionBudget spec's budget: (dict "pdb" .Values.api.pdb) */}}
{{- define "xmpp-host.pdbBudget" -}}
{{- $max := .pdb.maxUnavailable -}}
{{- $min := .pdb.minAvailable -}}
{{- if and (not (kindIs "invalid" $max)) (ne ($max | toString) "") }}
maxUnavailable: {{ $max }}
{{- else if and (not (kindIs "invalid" $min)) (ne ($min | toString) "") }}
minAvailable: {{ $min }}
{{- else }}
maxUnavailable: 1
{{- end }}
{{- end -}}

{{/* Whether the migration Job may run before the release's resources exist (no in-cluster database). */}}
{{- define "xmpp-host.migrationsHook" -}}
{{- if or .Values.postgresql.enabled .Values.redis.enabled -}}
post-install,pre-upgrade
{{- else -}}
pre-install,pre-upgrade
{{- end -}}
{{- end -}}

{{/* Characters a password may have when it goes into a URL as it is. */}}
{{- define "xmpp-host.checkUrlPassword" -}}
{{- if and .password (not (regexMatch "^[A-Za-z0-9._~-]+$" (.password | toString))) -}}
{{- fail (printf "%s may only have letters, digits and . _ ~ - (it goes into a URL as it is)" .name) -}}
{{- end -}}
{{- end -}}

{{- define "xmpp-host.backupsClaimName" -}}
{{- default (include "xmpp-host.componentName" (dict "root" . "component" "backups")) .Values.backups.local.existingClaim -}}
{{- end -}}

{{/* Pod annotations that roll the pods when their configuration changes. */}}
{{- define "xmpp-host.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{/* An autoscaling/v2 HorizontalPodAutoscaler of a component's Deployment: (dict "root" $ "component" C "autoscaling" A) */}}
{{- define "xmpp-host.hpa" -}}
{{- $a := .autoscaling -}}
{{- if not (or $a.targetCPUUtilizationPercentage $a.targetMemoryUtilizationPercentage) -}}
{{- fail (printf "%s.autoscaling needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" .component) -}}
{{- end -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) -}}
{{- fail (printf "%s.autoscaling.minReplicas is above maxReplicas" .component) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "xmpp-host.componentName" . }}
  labels:
    {{- include "xmpp-host.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "xmpp-host.componentName" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    {{- if $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
    {{- end }}
    {{- if $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $a.targetMemoryUtilizationPercentage }}
    {{- end }}
  {{- with $a.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* A policy/v1 PodDisruptionBudget: (dict "root" $ "component" C "pdb" P) */}}
{{- define "xmpp-host.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "xmpp-host.componentName" . }}
  labels:
    {{- include "xmpp-host.componentLabels" . | nindent 4 }}
spec:
  {{- include "xmpp-host.pdbBudget" . | trim | nindent 2 }}
  selector:
    matchLabels:
      {{- include "xmpp-host.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* "true" when the worker answers HTTP-01 challenges through the Ingress (its Service, the Ingress rule). */}}
{{- define "xmpp-host.acmeHttp01" -}}
{{- if and .Values.ingress.acmeChallenges (eq (toString (.Values.config.ACME_CHALLENGE | default "http-01")) "http-01") -}}
true
{{- end -}}
{{- end -}}
