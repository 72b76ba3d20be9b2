/* Generated from the API's /openapi.json by scripts/web-api-types.ts. Do not edit. */
export interface paths {
    "/api/v1/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password; without one, a generated password is returned once */
        post: operations["resetAccountPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteAlertChannel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels/{channelId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Have the worker send a test notification and wait for it (503 "not delivered" if it cannot be; the reason goes to the worker's log) */
        post: operations["testAlertChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an API token for one tenant; its value is shown once */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token at once */
        delete: operations["revokeApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets an HttpOnly session cookie */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** How strong a password is, and whether it would be accepted (nothing is stored or logged) */
        post: operations["checkPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a user and their first tenant, and sign in */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{backupId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The encrypted archive (tenant owners only) */
        get: operations["downloadBackup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{backupId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore into the same instance (a rollback) or another instance of the tenant (a move); a domain's backup rolls back or moves that domain alone */
        post: operations["restoreBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ca.pem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's internal CA certificate (PEM), for clients that should trust it */
        get: operations["getInternalCa"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getDomain"];
        put?: never;
        post?: never;
        delete: operations["deleteDomain"];
        options?: never;
        head?: never;
        patch: operations["updateDomain"];
        trace?: never;
    };
    "/api/v1/domains/{domainId}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listAccounts"];
        put?: never;
        /** Create an XMPP account; without a password one is generated and returned once */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backups of this domain alone (domains on shared servers are backed up daily on their own) */
        get: operations["listDomainBackups"];
        put?: never;
        /** Back up this domain's data alone now (an export: download it, or restore it onto another server) */
        post: operations["createDomainBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The certificate in use, the next renewal, the last error and recent certificates */
        get: operations["listCertificates"];
        put?: never;
        /** Issue a new certificate (ACME by default; the domain must be verified) and deploy it live */
        post: operations["requestCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's score against the XMPP Compliance Suites 2023 (XEP-0479): the latest check with each test's evidence and fix, and recent scores */
        get: operations["getDomainCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/compliance/badge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Owners: publish the domain's compliance badge at /api/v1/public/domains/DOMAIN/compliance-badge.svg, or hide it */
        put: operations["setComplianceBadge"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/compliance/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the domain against the XMPP Compliance Suites now */
        post: operations["checkDomainCompliance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/compliance/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every compliance check of the domain, newest first */
        get: operations["listComplianceRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/dns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The records the domain needs, what the last check found for each, and a zone snippet to copy */
        get: operations["getDomainDns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/dns/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the domain's DNS records now */
        post: operations["checkDomainDns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/federation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the domain talks to on other servers: its policy, the domains seen lately, what was refused, and the server's last federation check */
        get: operations["getDomainFederation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's own verdict from the last probe of its server (also for domains on shared servers) */
        get: operations["getDomainHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listInvites"];
        put?: never;
        /** Create an invite link (owners and admins); the domain's registration must be invite or open */
        post: operations["createInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/irc-gateway": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's IRC gateway (irc.DOMAIN): whether it is on, its address and its limits */
        get: operations["getIrcGateway"];
        /** Turn the IRC gateway on; a gateway already on is answered as it is, with no operation */
        put: operations["enableIrcGateway"];
        post?: never;
        /** Turn the IRC gateway off: it leaves the server live, and its process and data go */
        delete: operations["disableIrcGateway"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the logo invite and registration pages show: a PNG, JPEG or WebP of at most 100 kB */
        put: operations["setDomainLogo"];
        post?: never;
        /** Remove the domain's logo */
        delete: operations["deleteDomainLogo"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listRooms"];
        put?: never;
        /** Create a group chat on the domain's MUC service */
        post: operations["createRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/server-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Operators: add options to the domain's server configuration (null removes one); each is checked before it reaches the server */
        patch: operations["setDomainServerOptions"];
        trace?: never;
    };
    "/api/v1/domains/{domainId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the domain chose (history, files, push, security, welcome, contacts, branding) and the defaults */
        get: operations["getDomainSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change settings (null resets one to its default); the server takes them live, without a restart */
        patch: operations["updateDomainSettings"];
        trace?: never;
    };
    "/api/v1/fleet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: the instances that match, with tenant, domains, status, key figures and the total */
        get: operations["listFleet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/alert-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: the operators' own channels, which hear about every alert of the fleet */
        get: operations["listFleetAlertChannels"];
        put?: never;
        post: operations["createFleetAlertChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: every alert of the fleet, newest first */
        get: operations["listFleetAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: every domain of the fleet whose DNS or certificate needs attention, and why */
        get: operations["listFleetDomainProblems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/instances/{instanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Operators: say where a server runs (its country), as providers' files show it */
        patch: operations["setInstanceRegion"];
        trace?: never;
    };
    "/api/v1/fleet/instances/{instanceId}/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: the server's configuration files as the platform last wrote them, secrets hidden (audited) */
        get: operations["getInstanceConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators: every tenant by name, for filters and the support view */
        get: operations["listFleetTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/tenants/{tenantId}/support-view": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Operators: record that the support view of a tenant was opened (audited, once per 10 minutes) */
        post: operations["recordSupportView"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/free-addresses/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether NAME.BASE can be had: a valid name, not reserved, not offensive, not taken */
        get: operations["checkFreeAddress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getInstance"];
        put?: never;
        post?: never;
        /** Stop and remove the instance; with domains, needs ?force=true */
        delete: operations["deleteInstance"];
        options?: never;
        head?: never;
        patch: operations["updateInstance"];
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/actions/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["restartInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/actions/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["startInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/actions/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["stopInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listBackups"];
        put?: never;
        /** Back up the instance now */
        post: operations["createBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listDomains"];
        put?: never;
        /** Add an XMPP domain (virtual host) with its group chat and upload services */
        post: operations["createDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instances/{instanceId}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, uptime, latest probe figures and a chart series (1h: raw, 24h: 5-minute, 30d: hourly) */
        get: operations["getInstanceHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{inviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getInvite"];
        put?: never;
        post?: never;
        /** Revoke an invite: its link stops working and its token leaves the server; it stays listed */
        delete: operations["revokeInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and their tenants */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-invites/{memberInviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["revokeMemberInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-invites/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The signed-in user joins the tenant with the invited role; 410 invite_expired, invite_used_up or invite_revoked */
        post: operations["acceptMemberInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/{operationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An operation's status and progress; ?wait=SECONDS holds until it ends */
        get: operations["getOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform facts: the base domain offering free subdomains, if any */
        get: operations["getPlatform"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A domain's registration policy, for the self-service registration page */
        get: operations["getPublicDomain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}/compliance-badge.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's compliance badge (SVG), where its owner published it */
        get: operations["getComplianceBadge"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's logo, as its invite and registration pages show it */
        get: operations["getDomainLogo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}/provider-file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domain's XMPP Providers file (v2), served by the web app at https://DOMAIN/.well-known/xmpp-provider-v2.json */
        get: operations["getProviderFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account on a domain with open registration (403 registration_closed otherwise); rate-limited per IP and per domain */
        post: operations["registerOpen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/invites/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invite link offers, whatever its status (404 for an unknown token) */
        get: operations["getPublicInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/invites/{token}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account through an invite: joins its rooms, adds the inviter as a contact. 410 with code invite_expired, invite_used_up or invite_revoked */
        post: operations["registerWithInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/member-invites/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a co-admin invitation offers, whatever its status (404 for an unknown token) */
        get: operations["getPublicMemberInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getRoom"];
        put?: never;
        post?: never;
        delete: operations["deleteRoom"];
        options?: never;
        head?: never;
        patch: operations["updateRoom"];
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Make exactly these bare JIDs the room's members */
        put: operations["setRoomMembers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the group chat a new name, on the server and in the invite links that offer it */
        post: operations["renameRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTenants"];
        put?: never;
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/alert-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listAlertChannels"];
        put?: never;
        /** Add an email or webhook channel; a webhook's signing secret is returned once */
        post: operations["createAlertChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's alert history, newest first */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's API tokens (never their values) */
        get: operations["listApiTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every domain of the tenant: free addresses on shared servers and domains on its own servers */
        get: operations["listTenantDomains"];
        put?: never;
        /** Get a free address NAME.BASE: hosted on the platform's shared servers, DNS published and certificate issued by the platform */
        post: operations["createFreeAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listInstances"];
        put?: never;
        /** Create a managed chat server */
        post: operations["createInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/member-invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listMemberInvites"];
        put?: never;
        /** Create an invitation link to join the tenant (owners and admins; only owners may invite owners) */
        post: operations["createMemberInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listMembers"];
        put?: never;
        /** Invite someone by email to take a role in the tenant: they get a link to accept (the same answer whether or not the address is known) */
        post: operations["addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Problem */
        "def-0": {
            /** @description What kind of refusal, for clients to translate: docs/api.md */
            code: string;
            /** @description In English */
            detail?: string;
            errors?: {
                /** @description Why, for clients to translate: docs/api.md */
                code?: string;
                field: string;
                /** @description In English */
                message: string;
                /** @description The values the code's text needs, such as { min: 10 } */
                params?: {
                    [key: string]: string | number;
                };
            }[];
            /** @description The values the reason's text needs */
            params?: {
                [key: string]: string | number;
            };
            /** @description Why, finer than code, when no field is named (needs_admin...): docs/api.md */
            reason?: string;
            status: number;
            title: string;
            type: string;
        };
        /** Operation */
        "def-1": {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            error?: unknown;
            /** Format: date-time */
            finishedAt: string | null;
            id: string;
            progress: number;
            resourceId: string;
            resourceType: string;
            result?: unknown;
            /** Format: date-time */
            startedAt: string | null;
            status: "queued" | "running" | "succeeded" | "failed";
            step: string | null;
            tenantId: string | null;
            /** @enum {string} */
            type: "instance.create" | "instance.start" | "instance.stop" | "instance.restart" | "instance.delete" | "domain.create" | "domain.update" | "domain.delete" | "account.create" | "account.delete" | "account.password" | "account.register" | "invite.create" | "invite.revoke" | "member.invite" | "room.create" | "room.update" | "room.members" | "room.rename" | "room.delete" | "irc-gateway.enable" | "irc-gateway.disable" | "dns.check" | "compliance.check" | "certificate.issue" | "backup.create" | "backup.restore" | "domain.restore";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        domainId: string;
                        id: string;
                        jid: string;
                        /**
                         * Format: date-time
                         * @description When sync last found it on the server; an old value means drift.
                         */
                        lastSeenOnServerAt: string | null;
                        localpart: string;
                        /** @description platform, or server when found by sync (made from a client) */
                        origin: string;
                        state: "pending" | "active" | "deleting" | "failed";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    resetAccountPassword: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        password?: string;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        password?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteAlertChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    testAlertChannel: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds for the outcome; 202 when there is none by then. */
                wait?: number;
            };
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivered: boolean;
                        durationMs: number;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The worker sends it when it can */
                        queued: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    role?: "owner" | "admin" | "viewer";
                    tenantId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                        prefix: string;
                        role: "owner" | "admin" | "viewer";
                        tenantId: string;
                        token: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    checkPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description platform: a dashboard user; chat: an XMPP account */
                    kind: "platform" | "chat";
                    password: string;
                    /** @description What the person is known by (email, name, username, address) */
                    personal?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acceptable: boolean;
                        message: string | null;
                        problem: string | null;
                        score: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    name: string;
                    password: string;
                    tenantName: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: {
                            id: string;
                            name: string;
                        };
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    downloadBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                backupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    restoreBackup: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                backupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    targetInstanceId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getInternalCa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
        };
    };
    getDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                        chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                        /** Format: date-time */
                        createdAt: string;
                        /** @description what this server kind can do; the dashboard names what it cannot */
                        features: {
                            /** @description each domain can be backed up and restored on its own */
                            domainBackups: boolean;
                            /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                            inBandInvites: boolean;
                        };
                        /** @description a free address under the platform's base domain */
                        freeAddress: boolean;
                        id: string;
                        instanceId: string | null;
                        limits: {
                            /** @description days that message archives are kept */
                            archiveDays: number;
                            maxAccounts: number;
                            uploadQuotaMb: number;
                        } | null;
                        name: string;
                        placement: "dedicated" | "shared";
                        /** @description approval: open sign-ups wait until an admin approves them */
                        registration: "closed" | "invite" | "open" | "approval";
                        services: {
                            muc: string;
                            upload: string;
                        };
                        state: "pending" | "active" | "deleting" | "failed";
                        tenantId: string;
                        /** Format: date-time */
                        updatedAt: string;
                        verified: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteDomain: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    updateDomain: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description approval: open sign-ups wait until an admin approves them */
                    registration?: "closed" | "invite" | "open" | "approval";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            /**
                             * Format: date-time
                             * @description When sync last found it on the server; an old value means drift.
                             */
                            lastSeenOnServerAt: string | null;
                            localpart: string;
                            /** @description platform, or server when found by sync (made from a client) */
                            origin: string;
                            state: "pending" | "active" | "deleting" | "failed";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    localpart: string;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            /**
                             * Format: date-time
                             * @description When sync last found it on the server; an old value means drift.
                             */
                            lastSeenOnServerAt: string | null;
                            localpart: string;
                            /** @description platform, or server when found by sync (made from a client) */
                            origin: string;
                            state: "pending" | "active" | "deleting" | "failed";
                        };
                        operation: components["schemas"]["def-1"];
                        /** @description The generated password, shown once. Absent when you chose one. */
                        password?: string;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            /**
                             * Format: date-time
                             * @description When sync last found it on the server; an old value means drift.
                             */
                            lastSeenOnServerAt: string | null;
                            localpart: string;
                            /** @description platform, or server when found by sync (made from a client) */
                            origin: string;
                            state: "pending" | "active" | "deleting" | "failed";
                        };
                        operation: components["schemas"]["def-1"];
                        /** @description The generated password, shown once. Absent when you chose one. */
                        password?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listDomainBackups: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createDomainBackup: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        backup: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        backup: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description SHA-256 of the certificate, hex */
                            fingerprint: string;
                            id: string;
                            issuer: string;
                            names: string[];
                            /** Format: date-time */
                            nextRenewalAt: string;
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** @description internal (the platform's CA) or acme (a public CA) */
                            source: string;
                        } | null;
                        domainId: string;
                        history: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description SHA-256 of the certificate, hex */
                            fingerprint: string;
                            id: string;
                            issuer: string;
                            names: string[];
                            /** Format: date-time */
                            nextRenewalAt: string;
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** @description internal (the platform's CA) or acme (a public CA) */
                            source: string;
                        }[];
                        lastError: string | null;
                        /** Format: date-time */
                        lastErrorAt: string | null;
                        mode: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    requestCertificate: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source?: "acme" | "internal";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainCompliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        badgePublic: boolean;
                        domainId: string;
                        history: {
                            /** Format: date-time */
                            checkedAt: string;
                            score: number;
                        }[];
                        latest: ({
                            /** Format: date-time */
                            checkedAt: string;
                            durationMs: number;
                            id: string;
                            /** @description Percent of the applicable tests of the five suites passed */
                            score: number;
                            server: string;
                            suites: {
                                av: {
                                    applicable: number;
                                    passed: number;
                                };
                                core: {
                                    applicable: number;
                                    passed: number;
                                };
                                im: {
                                    applicable: number;
                                    passed: number;
                                };
                                mobile: {
                                    applicable: number;
                                    passed: number;
                                };
                                web: {
                                    applicable: number;
                                    passed: number;
                                };
                            };
                            trigger: "configuration" | "daily" | "manual";
                        } & {
                            results: {
                                durationMs: number;
                                /** @description What the checker saw */
                                evidence: string;
                                fix?: {
                                    /** @description The server module or setting that provides it */
                                    module: string;
                                    /** @description What to do, in English; clients word it themselves from the test id and module */
                                    text: string;
                                };
                                id: string;
                                status: "pass" | "fail" | "not_applicable";
                            }[];
                        }) | null;
                        name: string;
                        tests: {
                            id: string;
                            kind: "live" | "discovery";
                            /** @description The specification: XEP-0313, RFC 7395... */
                            spec: string;
                            /** @description Empty: a common compliance tester's test outside the 2023 suites */
                            suites: ("core" | "im" | "mobile" | "av" | "web")[];
                            title: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    setComplianceBadge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    public: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        badgePublic: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    checkDomainCompliance: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listComplianceRuns: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            checkedAt: string;
                            durationMs: number;
                            id: string;
                            /** @description Percent of the applicable tests of the five suites passed */
                            score: number;
                            server: string;
                            suites: {
                                av: {
                                    applicable: number;
                                    passed: number;
                                };
                                core: {
                                    applicable: number;
                                    passed: number;
                                };
                                im: {
                                    applicable: number;
                                    passed: number;
                                };
                                mobile: {
                                    applicable: number;
                                    passed: number;
                                };
                                web: {
                                    applicable: number;
                                    passed: number;
                                };
                            };
                            trigger: "configuration" | "daily" | "manual";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainDns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        checkedAt: string | null;
                        domainId: string;
                        expected: {
                            id: string;
                            /** @description The record in zone-file form */
                            line: string;
                            name: string;
                            purpose: string;
                            required: boolean;
                            type: string;
                            value: string;
                        }[];
                        history: {
                            /** Format: date-time */
                            createdAt: string;
                            durationMs: number;
                            id: string;
                            status: string;
                        }[];
                        managedByPlatform: boolean;
                        name: string;
                        records: {
                            detail?: string;
                            expected: string[];
                            /** @description Why the zone's own name servers were not asked */
                            fallbackReason?: string;
                            fix: string | null;
                            /** @description The fix as a code, for clients that word it themselves: docs/api.md */
                            fixCode?: string;
                            fixParams?: {
                                [key: string]: string | number;
                            };
                            found: string[];
                            id: string;
                            name: string;
                            /** @description Who answered: the zone's own name servers, or the platform's resolvers (they may cache) */
                            source?: "authoritative" | "resolver";
                            status: "ok" | "warning" | "error" | "unknown";
                            type: string;
                        }[];
                        status: ("ok" | "warning" | "error" | "unknown") | null;
                        verified: boolean;
                        /** Format: date-time */
                        verifiedAt: string | null;
                        /** @description After Check now: failing records are checked again every few seconds until then */
                        watchingUntil: string | null;
                        zoneSnippet: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    checkDomainDns: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainFederation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowlist: string[];
                        /** @description The server's last federation check; null before any */
                        check: {
                            /** Format: date-time */
                            checkedAt: string;
                            /** @enum {string} */
                            code?: "federation_failing";
                            /** @description The domain the server's check pinged from */
                            from: string;
                            message?: string;
                            /** @description The round trip, ping to answer, in milliseconds */
                            ms?: number;
                            ok: boolean;
                            /** @description The domain on another server that it pinged */
                            reference: string;
                        } | null;
                        /** @description Domains accepted without a valid certificate, trusted by dialback alone (a named risk) */
                        insecurePartners: string[];
                        /** @description The most recently active first, at most 100 */
                        peers: {
                            /** @description Another domain, on another server or on this one */
                            domain: string;
                            /** Format: date-time */
                            lastRefusedAt: string | null;
                            /** Format: date-time */
                            lastSeenAt: string | null;
                            /** @description Its stanzas and links the domain's policy refused */
                            refusedIncoming: number;
                            /** @description Stanzas to it the domain's policy refused */
                            refusedOutgoing: number;
                        }[];
                        peersTotal: number;
                        platformDomains: boolean;
                        policy: "open" | "allowlist" | "closed";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainHealth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        checkedAt: string | null;
                        domainId: string;
                        name: string;
                        reasons: {
                            /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                            code: string;
                            /** @description English, for people */
                            message: string;
                            /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                            params?: {
                                [key: string]: string | number;
                            };
                        }[];
                        /** @description healthy | degraded | down (unknown before the first probe) */
                        status: string;
                        uptime30d: number | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listInvites: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                status?: "active" | "expired" | "used_up" | "revoked";
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The domain's name */
                            domain: string;
                            domainId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            inviter: string | null;
                            maxUses: number;
                            /** Format: date-time */
                            revokedAt: string | null;
                            rooms: {
                                id: string;
                                jid: string;
                                name: string;
                                title: string;
                            }[];
                            status: "active" | "expired" | "used_up" | "revoked";
                            token: string;
                            uri: string | null;
                            /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                            url: string;
                            uses: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createInvite: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Seconds from now
                     * @default 604800
                     */
                    expiresIn?: number;
                    inviterAccountId?: string;
                    /** @default 1 */
                    maxUses?: number;
                    /** @description Room ids on this domain */
                    rooms?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invite: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The domain's name */
                            domain: string;
                            domainId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            inviter: string | null;
                            maxUses: number;
                            /** Format: date-time */
                            revokedAt: string | null;
                            rooms: {
                                id: string;
                                jid: string;
                                name: string;
                                title: string;
                            }[];
                            status: "active" | "expired" | "used_up" | "revoked";
                            token: string;
                            uri: string | null;
                            /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                            url: string;
                            uses: number;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invite: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The domain's name */
                            domain: string;
                            domainId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            inviter: string | null;
                            maxUses: number;
                            /** Format: date-time */
                            revokedAt: string | null;
                            rooms: {
                                id: string;
                                jid: string;
                                name: string;
                                title: string;
                            }[];
                            status: "active" | "expired" | "used_up" | "revoked";
                            token: string;
                            uri: string | null;
                            /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                            url: string;
                            uses: number;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getIrcGateway: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: string;
                        available?: boolean;
                        domainId: string;
                        enabled: boolean;
                        example: string;
                        lastError: string | null;
                        limits: {
                            maxConnections: number;
                            maxServers: number;
                        };
                        state: ("pending" | "active" | "deleting" | "failed") | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    enableIrcGateway: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        gateway: {
                            address: string;
                            available?: boolean;
                            domainId: string;
                            enabled: boolean;
                            example: string;
                            lastError: string | null;
                            limits: {
                                maxConnections: number;
                                maxServers: number;
                            };
                            state: ("pending" | "active" | "deleting" | "failed") | null;
                        };
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        gateway: {
                            address: string;
                            available?: boolean;
                            domainId: string;
                            enabled: boolean;
                            example: string;
                            lastError: string | null;
                            limits: {
                                maxConnections: number;
                                maxServers: number;
                            };
                            state: ("pending" | "active" | "deleting" | "failed") | null;
                        };
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    disableIrcGateway: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"] | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    setDomainLogo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The picture's bytes, base64 */
                    image: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        logoUrl: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteDomainLogo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listRooms: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createRoom: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    members?: string[];
                    membersOnly?: boolean;
                    name: string;
                    persistent?: boolean;
                    public?: boolean;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    setDomainServerOptions: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    options: {
                        [key: string]: boolean | number | string | string[] | null;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        serverOptions: {
                            [key: string]: boolean | number | string | string[];
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        serverOptions: {
                            [key: string]: boolean | number | string | string[];
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ceilings: {
                            /** @description The platform's limit on one file, for this domain's server */
                            fileMaxBytes: number;
                            maxDays: number | null;
                        };
                        /** @description Settings that differ from their defaults by the domain's choice */
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners")[];
                        defaults: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                        logoUrl: string | null;
                        operation: components["schemas"]["def-1"] | null;
                        /** @description Options an operator added to the domain's server configuration */
                        serverOptions: {
                            [key: string]: boolean | number | string | string[];
                        };
                        settings: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    updateDomainSettings: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Where to report abuse (XEP-0157) */
                    abuseAddresses?: string[] | null;
                    brandColor?: string | null;
                    brandName?: string | null;
                    /**
                     * @description Who people may talk to on other servers: everyone, only the listed domains, or nobody
                     * @enum {string|null}
                     */
                    federation?: "open" | "allowlist" | "closed" | null;
                    /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                    federationAllowlist?: string[] | null;
                    /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                    federationInsecurePartners?: string[] | null;
                    /** @description With allowlist: the platform's free addresses are allowed too */
                    federationPlatformDomains?: boolean | null;
                    /** @description The largest file one may share, in bytes */
                    fileMaxBytes?: number | null;
                    /** @description What one person may share per day, in bytes */
                    fileQuotaPerDayBytes?: number | null;
                    /**
                     * @description How long shared files are kept
                     * @enum {string|null}
                     */
                    fileRetention?: "forever" | "1y" | "6m" | "1m" | "1w" | null;
                    /** @description Offer shared files (HTTP upload); off removes the upload service */
                    filesEnabled?: boolean | null;
                    /** @description Keep message history (personal and group chats) on the server */
                    historyEnabled?: boolean | null;
                    /**
                     * @description How long history is kept
                     * @enum {string|null}
                     */
                    historyRetention?: "forever" | "1y" | "6m" | "1m" | null;
                    legalNoticeUrl?: string | null;
                    /** @description Push notifications may carry the message text */
                    pushIncludeBody?: boolean | null;
                    /** @description Push notifications may say who wrote */
                    pushIncludeSender?: boolean | null;
                    /** @description Where to ask for help (XEP-0157) */
                    supportAddresses?: string[] | null;
                    /**
                     * @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later
                     * @enum {string|null}
                     */
                    tlsProfile?: "modern" | "intermediate" | null;
                    websiteUrl?: string | null;
                    welcomeMessage?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ceilings: {
                            /** @description The platform's limit on one file, for this domain's server */
                            fileMaxBytes: number;
                            maxDays: number | null;
                        };
                        /** @description Settings that differ from their defaults by the domain's choice */
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners")[];
                        defaults: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                        logoUrl: string | null;
                        operation: components["schemas"]["def-1"] | null;
                        /** @description Options an operator added to the domain's server configuration */
                        serverOptions: {
                            [key: string]: boolean | number | string | string[];
                        };
                        settings: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ceilings: {
                            /** @description The platform's limit on one file, for this domain's server */
                            fileMaxBytes: number;
                            maxDays: number | null;
                        };
                        /** @description Settings that differ from their defaults by the domain's choice */
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners")[];
                        defaults: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                        logoUrl: string | null;
                        operation: components["schemas"]["def-1"] | null;
                        /** @description Options an operator added to the domain's server configuration */
                        serverOptions: {
                            [key: string]: boolean | number | string | string[];
                        };
                        settings: {
                            /** @description Where to report abuse (XEP-0157) */
                            abuseAddresses: string[];
                            brandColor: string | null;
                            brandName: string | null;
                            /** @description Who people may talk to on other servers: everyone, only the listed domains, or nobody */
                            federation: "open" | "allowlist" | "closed";
                            /** @description With allowlist: the other domains allowed (their group chats and services with them) */
                            federationAllowlist: string[];
                            /** @description Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake */
                            federationInsecurePartners: string[];
                            /** @description With allowlist: the platform's free addresses are allowed too */
                            federationPlatformDomains: boolean;
                            /** @description The largest file one may share, in bytes */
                            fileMaxBytes: number;
                            /** @description What one person may share per day, in bytes */
                            fileQuotaPerDayBytes: number;
                            /** @description How long shared files are kept */
                            fileRetention: "forever" | "1y" | "6m" | "1m" | "1w";
                            /** @description Offer shared files (HTTP upload); off removes the upload service */
                            filesEnabled: boolean;
                            /** @description Keep message history (personal and group chats) on the server */
                            historyEnabled: boolean;
                            /** @description How long history is kept */
                            historyRetention: "forever" | "1y" | "6m" | "1m";
                            legalNoticeUrl: string | null;
                            /** @description Push notifications may carry the message text */
                            pushIncludeBody: boolean;
                            /** @description Push notifications may say who wrote */
                            pushIncludeSender: boolean;
                            /** @description Where to ask for help (XEP-0157) */
                            supportAddresses: string[];
                            /** @description modern: TLS 1.3 only; intermediate: TLS 1.2 and later */
                            tlsProfile: "modern" | "intermediate";
                            websiteUrl: string | null;
                            welcomeMessage: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listFleet: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                placement?: "dedicated" | "shared";
                /** @description part of a server's name, its tenant's name or one of its domains' names (any case) */
                search?: string;
                server?: "prosody" | "ejabberd";
                /** @description the fleet status: the worse of the last probe and the server's open alerts */
                status?: "healthy" | "degraded" | "down" | "unknown";
                /** @description servers of this tenant, and shared servers that carry one of its domains */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            capacity: number | null;
                            certificateDaysLeft: number | null;
                            domainCount: number;
                            domains: string[];
                            health: {
                                /** @description open alerts appear as alert_<rule>, critical ones first */
                                reasons: {
                                    /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                                    code: string;
                                    /** @description English, for people */
                                    message: string;
                                    /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                                /** @description healthy | degraded | down (unknown before the first probe) */
                                status: string;
                            };
                            instance: {
                                id: string;
                                name: string;
                                placement: "dedicated" | "shared";
                                server: string;
                                status: string;
                            };
                            lastBackup: {
                                /** Format: date-time */
                                at: string;
                                status: string;
                            } | null;
                            /** @description login times (ms) of the last 30 probes, oldest first */
                            loginSparkline: number[];
                            memoryBytes: number | null;
                            onlineUsers: number | null;
                            openAlerts: {
                                critical: number;
                                warning: number;
                            };
                            tenant: {
                                id: string;
                                name: string;
                            } | null;
                        }[];
                        nextCursor: string | null;
                        /** @description how many instances match, over every page */
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listFleetAlertChannels: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description email | webhook */
                            kind: string;
                            name: string;
                            /** @description an email address, or the webhook URL */
                            target: string;
                            tenantId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createFleetAlertChannel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: "email" | "webhook";
                    name: string;
                    target: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description email | webhook */
                            kind: string;
                            name: string;
                            /** @description an email address, or the webhook URL */
                            target: string;
                            tenantId: string | null;
                        };
                        secret: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listFleetAlerts: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                status?: "open" | "resolved";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string | null;
                            id: string;
                            instanceId: string | null;
                            /** @description In English */
                            message: string;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description The values the code's words need besides subjectName: loginMs, limitMs, bytes, limitBytes, days, limitDays, hours, limitHours; reasons for instance_down */
                            params: {
                                [key: string]: string | number | {
                                    /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                                    code: string;
                                    /** @description English, for people */
                                    message: string;
                                    /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                            };
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** @description instance_down | login_slow | certificate_expiring | dns_broken | backup_failed | memory_high */
                            rule: string;
                            /** @description critical | warning */
                            severity: string;
                            /** @description open | resolved */
                            status: string;
                            subjectId: string;
                            subjectName: string;
                            /** @description instance | domain */
                            subjectType: string;
                            tenantId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listFleetDomainProblems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            certificateNotAfter: string | null;
                            dnsStatus: string | null;
                            domainId: string;
                            name: string;
                            reasons: string[];
                            tenantId: string;
                            tenantName: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    setInstanceRegion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO 3166-1 alpha-2, lower case */
                    region: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        region: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getInstanceConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        files: {
                            content: string;
                            path: string;
                        }[];
                        renderedAt: string | null;
                        server: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listFleetTenants: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                /** @description part of the name */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    recordSupportView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description true when the operator is not a member of the tenant */
                        readOnly: boolean;
                        /** @description false when a view of the last 10 minutes already covers this */
                        recorded: boolean;
                        tenant: {
                            id: string;
                            name: string;
                        };
                        /** Format: date-time */
                        viewedAt: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    checkFreeAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: string | null;
                        available: boolean;
                        message: string | null;
                        /** @description the name as it was understood (trimmed, lower case) */
                        name: string;
                        reason: ("invalid" | "reserved" | "offensive" | "taken" | "unavailable") | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        desiredState: string;
                        endpoints: {
                            c2sPort: number | null;
                            directTlsPort: number | null;
                            host: string;
                            httpPort: number | null;
                            httpsPort: number | null;
                            s2sPort: number | null;
                        };
                        /** @description what this server kind can do; the dashboard names what it cannot */
                        features: {
                            /** @description each domain can be backed up and restored on its own */
                            domainBackups: boolean;
                            /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                            inBandInvites: boolean;
                        };
                        id: string;
                        lastError: string | null;
                        name: string;
                        placement: string;
                        runtime: string;
                        server: "prosody" | "ejabberd";
                        status: string;
                        tenantId: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteInstance: {
        parameters: {
            query: {
                force: boolean;
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    updateInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        desiredState: string;
                        endpoints: {
                            c2sPort: number | null;
                            directTlsPort: number | null;
                            host: string;
                            httpPort: number | null;
                            httpsPort: number | null;
                            s2sPort: number | null;
                        };
                        /** @description what this server kind can do; the dashboard names what it cannot */
                        features: {
                            /** @description each domain can be backed up and restored on its own */
                            domainBackups: boolean;
                            /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                            inBandInvites: boolean;
                        };
                        id: string;
                        lastError: string | null;
                        name: string;
                        placement: string;
                        runtime: string;
                        server: "prosody" | "ejabberd";
                        status: string;
                        tenantId: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    restartInstance: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    startInstance: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    stopInstance: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listBackups: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createBackup: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        backup: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        backup: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string | null;
                            durationMs: number | null;
                            error: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            id: string;
                            instanceId: string | null;
                            pausedMs: number | null;
                            sha256: string | null;
                            sizeBytes: number | null;
                            /** @description queued | running | succeeded | failed */
                            status: string;
                            store: string;
                            trigger: string;
                            /** @description pending | verified | failed: restored into a throwaway instance and checked */
                            verification: string;
                            verificationError: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listDomains: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createDomain: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description approval: open sign-ups wait until an admin approves them */
                    registration?: "closed" | "invite" | "open" | "approval";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getInstanceHealth: {
        parameters: {
            query: {
                range: "1h" | "24h" | "30d";
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        calls: {
                            checkedAt: string | null;
                            code: ("calls_not_announced" | "calls_refused" | "calls_unreachable") | null;
                            message: string | null;
                            status: "working" | "failing";
                        } | null;
                        /** Format: date-time */
                        checkedAt: string | null;
                        domains: {
                            id: string;
                            name: string;
                            reasons: {
                                /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                                code: string;
                                /** @description English, for people */
                                message: string;
                                /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                                params?: {
                                    [key: string]: string | number;
                                };
                            }[];
                            /** @description healthy | degraded | down (unknown before the first probe) */
                            status: string;
                        }[];
                        federation: {
                            checkedAt: string | null;
                            from: string | null;
                            message: string | null;
                            ms: number | null;
                            reference: string | null;
                            status: "working" | "failing";
                        } | null;
                        latest: {
                            certificateDaysLeft: number | null;
                            connectMs: number | null;
                            httpReachable: boolean | null;
                            loginMs: number | null;
                            memoryBytes: number | null;
                            mucRooms: number | null;
                            onlineUsers: number | null;
                            pingMs: number | null;
                            s2sConnections: number | null;
                            s2sReachable: boolean | null;
                            tlsMs: number | null;
                        } | null;
                        reasons: {
                            /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                            code: string;
                            /** @description English, for people */
                            message: string;
                            /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                            params?: {
                                [key: string]: string | number;
                            };
                        }[];
                        series: {
                            /** Format: date-time */
                            at: string;
                            loginMs: number | null;
                            memoryBytes: number | null;
                            messagesPerMinute: number | null;
                            onlineUsers: number | null;
                        }[];
                        /** @description healthy | degraded | down (unknown before the first probe) */
                        status: string;
                        uptime30d: number | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The domain's name */
                        domain: string;
                        domainId: string;
                        /** Format: date-time */
                        expiresAt: string;
                        id: string;
                        inviter: string | null;
                        maxUses: number;
                        /** Format: date-time */
                        revokedAt: string | null;
                        rooms: {
                            id: string;
                            jid: string;
                            name: string;
                            title: string;
                        }[];
                        status: "active" | "expired" | "used_up" | "revoked";
                        token: string;
                        uri: string | null;
                        /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                        url: string;
                        uses: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    revokeInvite: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                inviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invite: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The domain's name */
                            domain: string;
                            domainId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            inviter: string | null;
                            maxUses: number;
                            /** Format: date-time */
                            revokedAt: string | null;
                            rooms: {
                                id: string;
                                jid: string;
                                name: string;
                                title: string;
                            }[];
                            status: "active" | "expired" | "used_up" | "revoked";
                            token: string;
                            uri: string | null;
                            /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                            url: string;
                            uses: number;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invite: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The domain's name */
                            domain: string;
                            domainId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            inviter: string | null;
                            maxUses: number;
                            /** Format: date-time */
                            revokedAt: string | null;
                            rooms: {
                                id: string;
                                jid: string;
                                name: string;
                                title: string;
                            }[];
                            status: "active" | "expired" | "used_up" | "revoked";
                            token: string;
                            uri: string | null;
                            /** @description The web landing page: WEB_PUBLIC_URL/join/TOKEN */
                            url: string;
                            uses: number;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
                        id: string;
                        isOperator: boolean;
                        name: string;
                        tenants: {
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "viewer";
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    revokeMemberInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberInviteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        acceptedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The address the invitation was sent to; only the user with that email may accept it */
                        email: string | null;
                        /** Format: date-time */
                        expiresAt: string;
                        id: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                        role: "owner" | "admin" | "viewer";
                        status: "active" | "expired" | "used_up" | "revoked";
                        tenantId: string;
                        token: string;
                        /** @description WEB_PUBLIC_URL/accept/TOKEN */
                        url: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    acceptMemberInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        role: "owner" | "admin" | "viewer";
                        tenantId: string;
                        tenantName: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getOperation: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                operationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        /** Format: date-time */
                        createdAt: string;
                        error?: unknown;
                        /** Format: date-time */
                        finishedAt: string | null;
                        id: string;
                        progress: number;
                        resourceId: string;
                        resourceType: string;
                        result?: unknown;
                        /** Format: date-time */
                        startedAt: string | null;
                        status: "queued" | "running" | "succeeded" | "failed";
                        step: string | null;
                        tenantId: string | null;
                        /** @enum {string} */
                        type: "instance.create" | "instance.start" | "instance.stop" | "instance.restart" | "instance.delete" | "domain.create" | "domain.update" | "domain.delete" | "account.create" | "account.delete" | "account.password" | "account.register" | "invite.create" | "invite.revoke" | "member.invite" | "room.create" | "room.update" | "room.members" | "room.rename" | "room.delete" | "irc-gateway.enable" | "irc-gateway.disable" | "dns.check" | "compliance.check" | "certificate.issue" | "backup.create" | "backup.restore" | "domain.restore";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getPlatform: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        baseDomain: string | null;
                    };
                };
            };
        };
    };
    getPublicDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        branding: {
                            accentColor: string | null;
                            logoUrl: string | null;
                            name: string | null;
                        };
                        domain: string;
                        /** @description approval: open sign-ups wait until an admin approves them */
                        registration: "closed" | "invite" | "open" | "approval";
                        tenantName: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getComplianceBadge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description image/svg+xml */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDomainLogo: {
        parameters: {
            query?: {
                v?: string;
            };
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getProviderFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alternativeJids: string[];
                        /** @description -1 when not stated */
                        busFactor: number;
                        freeOfCharge: boolean;
                        /** @description language code -> https URL */
                        legalNotice: {
                            [key: string]: string;
                        };
                        maximumHttpFileUploadStorageTime: number;
                        maximumHttpFileUploadTotalSize: number;
                        maximumMessageArchiveManagementStorageTime: number;
                        organization: string;
                        /** @description language code -> https URL */
                        passwordReset: {
                            [key: string]: string;
                        };
                        professionalHosting: boolean;
                        serverLocations: string[];
                        serverTesting: boolean;
                        since: string;
                        /** @description language code -> https URL */
                        website: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    registerOpen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jid: string;
                        operationId: string;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jid: string;
                        operationId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getPublicInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        branding: {
                            accentColor: string | null;
                            logoUrl: string | null;
                            name: string | null;
                        };
                        domain: string;
                        /** Format: date-time */
                        expiresAt: string;
                        inviter: string | null;
                        maxUses: number;
                        rooms: {
                            jid: string;
                            name: string;
                            title: string;
                        }[];
                        status: "active" | "expired" | "used_up" | "revoked";
                        tenantName: string;
                        uri: string | null;
                        /** @description WEB_PUBLIC_URL/join/TOKEN: this page, for a computer to hand over to a phone */
                        url: string;
                        uses: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    registerWithInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jid: string;
                        operationId: string;
                        /** @description Bare JIDs of the rooms the account is a member of */
                        rooms: string[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jid: string;
                        operationId: string;
                        /** @description Bare JIDs of the rooms the account is a member of */
                        rooms: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getPublicMemberInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                        role: "owner" | "admin" | "viewer";
                        status: "active" | "expired" | "used_up" | "revoked";
                        tenantName: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        domainId: string;
                        id: string;
                        jid: string;
                        members: string[];
                        membersOnly: boolean;
                        name: string;
                        origin: string;
                        persistent: boolean;
                        public: boolean;
                        state: "pending" | "active" | "deleting" | "failed";
                        title: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteRoom: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    updateRoom: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    membersOnly?: boolean;
                    persistent?: boolean;
                    public?: boolean;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    setRoomMembers: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    members: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    renameRoom: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operation: components["schemas"]["def-1"];
                        room: {
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            jid: string;
                            members: string[];
                            membersOnly: boolean;
                            name: string;
                            origin: string;
                            persistent: boolean;
                            public: boolean;
                            state: "pending" | "active" | "deleting" | "failed";
                            title: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accountQuota: number;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                            role?: "owner" | "admin" | "viewer";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountQuota: number;
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                        role?: "owner" | "admin" | "viewer";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountQuota: number;
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                        role?: "owner" | "admin" | "viewer";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listAlertChannels: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description email | webhook */
                            kind: string;
                            name: string;
                            /** @description an email address, or the webhook URL */
                            target: string;
                            tenantId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createAlertChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: "email" | "webhook";
                    name: string;
                    target: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description email | webhook */
                            kind: string;
                            name: string;
                            /** @description an email address, or the webhook URL */
                            target: string;
                            tenantId: string | null;
                        };
                        secret: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                status?: "open" | "resolved";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string | null;
                            id: string;
                            instanceId: string | null;
                            /** @description In English */
                            message: string;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description The values the code's words need besides subjectName: loginMs, limitMs, bytes, limitBytes, days, limitDays, hours, limitHours; reasons for instance_down */
                            params: {
                                [key: string]: string | number | {
                                    /** @description stable, e.g. login_slow, c2s_unreachable, certificate_expiring */
                                    code: string;
                                    /** @description English, for people */
                                    message: string;
                                    /** @description The values the code's words need, raw: loginMs and limitMs (ms), bytes and limitBytes, days and limitDays, step; name for alert_<rule> */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                            };
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** @description instance_down | login_slow | certificate_expiring | dns_broken | backup_failed | memory_high */
                            rule: string;
                            /** @description critical | warning */
                            severity: string;
                            /** @description open | resolved */
                            status: string;
                            subjectId: string;
                            subjectName: string;
                            /** @description instance | domain */
                            subjectType: string;
                            tenantId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listApiTokens: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description The first characters of the token, to recognise it */
                            prefix: string;
                            role: "owner" | "admin" | "viewer";
                            tenantId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listTenantDomains: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createFreeAddress: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the first label only, e.g. smiths */
                    name: string;
                    /** @description approval: open sign-ups wait until an admin approves them */
                    registration?: "closed" | "invite" | "open" | "approval";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domain: {
                            /** @description whether people can chat on the domain now: its own state and its server's, in one word */
                            chat: "available" | "setting_up" | "stopped" | "unavailable" | "deleting" | "failed";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            /** @description a free address under the platform's base domain */
                            freeAddress: boolean;
                            id: string;
                            instanceId: string | null;
                            limits: {
                                /** @description days that message archives are kept */
                                archiveDays: number;
                                maxAccounts: number;
                                uploadQuotaMb: number;
                            } | null;
                            name: string;
                            placement: "dedicated" | "shared";
                            /** @description approval: open sign-ups wait until an admin approves them */
                            registration: "closed" | "invite" | "open" | "approval";
                            services: {
                                muc: string;
                                upload: string;
                            };
                            state: "pending" | "active" | "deleting" | "failed";
                            tenantId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            verified: boolean;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listInstances: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            desiredState: string;
                            endpoints: {
                                c2sPort: number | null;
                                directTlsPort: number | null;
                                host: string;
                                httpPort: number | null;
                                httpsPort: number | null;
                                s2sPort: number | null;
                            };
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            id: string;
                            lastError: string | null;
                            name: string;
                            placement: string;
                            runtime: string;
                            server: "prosody" | "ejabberd";
                            status: string;
                            tenantId: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            version: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createInstance: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    placement?: "dedicated" | "shared";
                    runtime?: "local" | "kubernetes";
                    server?: "prosody" | "ejabberd";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        instance: {
                            /** Format: date-time */
                            createdAt: string;
                            desiredState: string;
                            endpoints: {
                                c2sPort: number | null;
                                directTlsPort: number | null;
                                host: string;
                                httpPort: number | null;
                                httpsPort: number | null;
                                s2sPort: number | null;
                            };
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            id: string;
                            lastError: string | null;
                            name: string;
                            placement: string;
                            runtime: string;
                            server: "prosody" | "ejabberd";
                            status: string;
                            tenantId: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            version: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        instance: {
                            /** Format: date-time */
                            createdAt: string;
                            desiredState: string;
                            endpoints: {
                                c2sPort: number | null;
                                directTlsPort: number | null;
                                host: string;
                                httpPort: number | null;
                                httpsPort: number | null;
                                s2sPort: number | null;
                            };
                            /** @description what this server kind can do; the dashboard names what it cannot */
                            features: {
                                /** @description each domain can be backed up and restored on its own */
                                domainBackups: boolean;
                                /** @description the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link */
                                inBandInvites: boolean;
                            };
                            id: string;
                            lastError: string | null;
                            name: string;
                            placement: string;
                            runtime: string;
                            server: "prosody" | "ejabberd";
                            status: string;
                            tenantId: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            version: string | null;
                        };
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listMemberInvites: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            acceptedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The address the invitation was sent to; only the user with that email may accept it */
                            email: string | null;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                            role: "owner" | "admin" | "viewer";
                            status: "active" | "expired" | "used_up" | "revoked";
                            tenantId: string;
                            token: string;
                            /** @description WEB_PUBLIC_URL/accept/TOKEN */
                            url: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    createMemberInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Send the link to this address; only the user with this email may accept */
                    email?: string;
                    /** @description Seconds from now (default 7 days) */
                    expiresIn?: number;
                    role: "owner" | "admin" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        acceptedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The address the invitation was sent to; only the user with that email may accept it */
                        email: string | null;
                        /** Format: date-time */
                        expiresAt: string;
                        id: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                        role: "owner" | "admin" | "viewer";
                        status: "active" | "expired" | "used_up" | "revoked";
                        tenantId: string;
                        token: string;
                        /** @description WEB_PUBLIC_URL/accept/TOKEN */
                        url: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "viewer";
                            userId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    role: "owner" | "admin" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        acceptedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description The address the invitation was sent to; only the user with that email may accept it */
                        email: string | null;
                        /** Format: date-time */
                        expiresAt: string;
                        id: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                        role: "owner" | "admin" | "viewer";
                        status: "active" | "expired" | "used_up" | "revoked";
                        tenantId: string;
                        token: string;
                        /** @description WEB_PUBLIC_URL/accept/TOKEN */
                        url: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    listOperations: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["def-1"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
