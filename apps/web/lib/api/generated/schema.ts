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
    "/api/v1/accounts/{accountId}/reset-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's reset links that still work (admins); their tokens are not kept */
        get: operations["listAccountResetLinks"];
        put?: never;
        /** Make a one-time password reset link for a chat account (admins); it replaces the account's earlier unused links */
        post: operations["createAccountResetLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift an account's suspension: it logs in again with the password it had */
        post: operations["restoreAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountId}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend an account: it is signed out at once and cannot log in; its password and data are kept */
        post: operations["suspendAccount"];
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
    "/api/v1/audit-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every action name the audit log records, grouped by the resource before the dot */
        get: operations["listAuditActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's own audit log (entries of no tenant: operators' work), newest first (operators) */
        get: operations["listPlatformAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's filtered audit log as a CSV or JSON download (at most 50000 rows; operators) */
        get: operations["exportPlatformAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
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
        /**
         * Sign in with email and password; sets an HttpOnly session cookie
         * @description With two-step sign-in on, answers 202 with a challenge instead, and no session: POST /auth/login/second-factor completes it.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a two-step sign-in with a code from the authenticator app or a recovery code */
        post: operations["loginSecondFactor"];
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
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgot password: email a one-hour, single-use link to choose a new one
         * @description Always 202, whether or not the address is registered (the email is only sent to registered ones). 503 with reason email_not_configured when the platform has no SMTP server.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a new password with the link from the email; ends every session of the user
         * @description 410 reset_link_used once used, 410 reset_link_expired after an hour; 422 names the password when it is too weak.
         */
        post: operations["resetPassword"];
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
    "/api/v1/domains/{domainId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All of the domain's data as one XEP-0227 file (owners only, audited): 200 with the file once written, 202 with the operation if it takes longer than `wait` (then fetch the Location) */
        get: operations["exportDomain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/exports/{operationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An export asked for earlier: the file once written, 202 while it is being written (owners only) */
        get: operations["downloadDomainExport"];
        put?: never;
        post?: never;
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
    "/api/v1/domains/{domainId}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import members from a CSV file (header row: username, display name, email): accounts with generated passwords, or one invite link each */
        post: operations["startImport"];
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
    "/api/v1/domains/{domainId}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the domain with all its data (accounts with their passwords, contacts, history, group chats) to another server. Admins move between their organisation's servers; operators also onto shared servers. Logins pause briefly; the result gives loginsRefusedMs */
        post: operations["moveDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{domainId}/registration-blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Addresses and networks that may not register accounts on the domain */
        get: operations["listRegistrationBlocks"];
        put?: never;
        /** Block an address or network (CIDR) from registering, through the platform and in-band on the server; a lone address becomes /32 or /128 */
        post: operations["createRegistrationBlock"];
        delete?: never;
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
    "/api/v1/domains/{domainId}/signups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign-ups of an approval domain, oldest first (pending unless ?status says otherwise) */
        get: operations["listSignups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
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
    "/api/v1/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import: its operation (progress), its report once it ends, and whether its download is there */
        get: operations["getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{importId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The import's one-time download as CSV: the generated passwords (accounts) or the invite links; erased as it is given (a second call is 404) */
        post: operations["downloadImport"];
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
    "/api/v1/instances/{instanceId}/domains/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a domain on this server from a XEP-0227 file (an export of this platform or another server's): its accounts keep their passwords, contacts, vCards and history */
        post: operations["importDomain"];
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
    "/api/v1/me/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether two-step sign-in is on, and how many recovery codes are left */
        get: operations["getTwoFactor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn two-step sign-in on with a code from the app; answers the 10 recovery codes, once */
        post: operations["confirmTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn two-step sign-in off: needs the password and a code (from the app, or a recovery code) */
        post: operations["disableTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New recovery codes in place of the old ones; needs a code from the app */
        post: operations["regenerateRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/two-factor/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start setting up two-step sign-in: a new secret (base32) and its otpauth:// URI for the QR code */
        post: operations["startTwoFactor"];
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
        /** Create an account on a domain with open registration (403 registration_closed otherwise, registration_blocked from a blocked address); rate-limited per IP and per domain */
        post: operations["registerOpen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/domains/{domain}/signups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for an account on a domain whose sign-ups wait for approval: 202 with a status token; nothing is made on the server until an admin approves. 403 registration_closed on other domains, registration_blocked from a blocked address */
        post: operations["requestSignup"];
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
    "/api/v1/public/reset-links/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a password reset link is for, whatever its status (404 for an unknown token) */
        get: operations["getPublicResetLink"];
        put?: never;
        /** Set the account's new password through a reset link: 200 once the server has it (202 if still under way); 410 reset_link_used, reset_link_expired or reset_link_revoked; rate-limited per IP */
        post: operations["useResetLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/signups/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a sign-up stands, for the applicant holding its status token (404 for an unknown token) */
        get: operations["getSignupStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registration-blocks/{blockId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Lift a block: the address may register again */
        delete: operations["deleteRegistrationBlock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reset-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel a reset link (admins): it answers 410 reset_link_revoked from then on */
        delete: operations["revokeAccountResetLink"];
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
    "/api/v1/rooms/{roomId}/affiliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an account an admin of the group chat, or a member again */
        post: operations["setRoomAffiliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/affiliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The group chat's owners, admins, members and banned accounts, as its server keeps them */
        get: operations["listRoomAffiliations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/ban": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ban an account: it leaves the group chat and its members, and cannot come back until unbanned */
        post: operations["banFromRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/kick": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove an occupant from the group chat now; they can come back */
        post: operations["kickRoomOccupant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
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
    "/api/v1/rooms/{roomId}/occupants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is in the group chat now, and its subject, as its server sees it */
        get: operations["listRoomOccupants"];
        put?: never;
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
    "/api/v1/rooms/{roomId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an occupant a moderator, or take it back (participant) */
        post: operations["setRoomOccupantRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/subject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the subject every occupant sees; empty clears it */
        put: operations["setRoomSubject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{roomId}/unban": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift an account's ban (in a members-only group chat it becomes a member again) */
        post: operations["unbanFromRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signups/{signupId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending sign-up: its account is made on the server with the password the applicant chose (409 once decided) */
        post: operations["approveSignup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signups/{signupId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a pending sign-up: nothing is made on the server, its password is erased (409 once decided) */
        post: operations["rejectSignup"];
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
    "/api/v1/tenants/{tenantId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's audit log, newest first, filtered (owners and admins) */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's filtered audit log as a CSV or JSON download (at most 50000 rows); the export is itself audited */
        get: operations["exportAuditEvents"];
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
    "/api/v1/tenants/{tenantId}/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Owners: whether the organisation's owners and admins must use two-step sign-in
         * @description While required, an owner or admin without two-step sign-in gets 403 two_factor_required on the organisation's resources; viewers are not asked. Turning it on needs it on for yourself (412 two_factor_not_enabled).
         */
        put: operations["setTenantTwoFactor"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}/restore-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operators: turn off a locked-out user's two-step sign-in and email them a password link
         * @description Deletes their recovery codes, sends a one-hour password link by email, and tells them who did it. Audited.
         */
        post: operations["restoreUserAccess"];
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
            type: "instance.create" | "instance.start" | "instance.stop" | "instance.restart" | "instance.delete" | "domain.create" | "domain.update" | "domain.delete" | "account.create" | "account.delete" | "account.password" | "account.suspend" | "account.restore" | "account.register" | "accounts.import" | "invite.create" | "invite.revoke" | "member.invite" | "signup.notify" | "room.create" | "room.update" | "room.members" | "room.rename" | "room.delete" | "room.inspect" | "room.moderate" | "irc-gateway.enable" | "irc-gateway.disable" | "dns.check" | "compliance.check" | "certificate.issue" | "backup.create" | "backup.restore" | "domain.restore" | "domain.move" | "domain.export" | "domain.import";
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
                        /**
                         * Format: date-time
                         * @description Set while the account is suspended: it cannot log in, and keeps its password and data.
                         */
                        suspendedAt: string | null;
                        suspendedReason: string | null;
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
    listAccountResetLinks: {
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
                        items: {
                            accountId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            /** @description The account's address */
                            jid: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                            status: "active" | "used" | "expired" | "revoked";
                            /** Format: date-time */
                            usedAt: string | null;
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
    createAccountResetLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Seconds from now
                     * @default 86400
                     */
                    expiresIn?: number;
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
                        link: {
                            accountId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            /** @description The account's address */
                            jid: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                            status: "active" | "used" | "expired" | "revoked";
                            /** Format: date-time */
                            usedAt: string | null;
                        };
                        /** @description How many earlier unused links of the account this one replaced */
                        revokedEarlier: number;
                        /** @description WEB_PUBLIC_URL/reset/TOKEN, shown this once: only the token's hash is kept */
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
    restoreAccount: {
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
    suspendAccount: {
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
                    /** @description Why, for the other admins */
                    reason?: string;
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
    listAuditActions: {
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
                        items: ("tenant.created" | "tenant.two_factor_required" | "tenant.two_factor_optional" | "support.viewed" | "api_token.created" | "api_token.revoked" | "member_invite.created" | "member_invite.revoked" | "member_invite.accepted" | "audit.exported" | "user.password_reset_requested" | "user.password_reset" | "user.password_reset_by_operator" | "user.two_factor_enabled" | "user.two_factor_disabled" | "user.recovery_codes_regenerated" | "user.recovery_code_used" | "instance.created" | "instance.updated" | "instance.deleted" | "instance.start" | "instance.stop" | "instance.restart" | "instance.restarted_after_exit" | "instance.configuration_viewed" | "instance.region_set" | "domain.created" | "domain.updated" | "domain.deleted" | "domain.dns_check_requested" | "domain.compliance_check_requested" | "domain.compliance_badge_published" | "domain.compliance_badge_hidden" | "domain.settings_changed" | "domain.options_changed" | "domain.logo_changed" | "domain.logo_removed" | "certificate.requested" | "registration_block.created" | "registration_block.deleted" | "signup.requested" | "signup.approved" | "signup.rejected" | "account.created" | "account.deleted" | "account.password_reset" | "account.registered" | "account.registered_with_invite" | "account.suspended" | "account.unsuspended" | "account.reset_link_created" | "account.reset_link_revoked" | "account.reset_link_used" | "account.import_started" | "account.imported" | "room.created" | "room.updated" | "room.members_set" | "room.renamed" | "room.deleted" | "room.occupant_kicked" | "room.occupant_banned" | "room.ban_lifted" | "room.role_set" | "room.affiliation_set" | "room.subject_set" | "invite.created" | "invite.revoked" | "backup.requested" | "backup.restore_requested" | "domain.move_requested" | "domain.export_requested" | "domain.import_requested" | "irc_gateway.enabled" | "irc_gateway.disabled" | "alert_channel.created" | "alert_channel.deleted" | "instance.create.succeeded" | "instance.start.succeeded" | "instance.stop.succeeded" | "instance.restart.succeeded" | "instance.delete.succeeded" | "domain.create.succeeded" | "domain.update.succeeded" | "domain.delete.succeeded" | "account.create.succeeded" | "account.delete.succeeded" | "account.password.succeeded" | "account.suspend.succeeded" | "account.restore.succeeded" | "account.register.succeeded" | "accounts.import.succeeded" | "invite.create.succeeded" | "invite.revoke.succeeded" | "member.invite.succeeded" | "signup.notify.succeeded" | "room.create.succeeded" | "room.update.succeeded" | "room.members.succeeded" | "room.rename.succeeded" | "room.delete.succeeded" | "room.inspect.succeeded" | "room.moderate.succeeded" | "irc-gateway.enable.succeeded" | "irc-gateway.disable.succeeded" | "dns.check.succeeded" | "compliance.check.succeeded" | "certificate.issue.succeeded" | "backup.create.succeeded" | "backup.restore.succeeded" | "domain.restore.succeeded" | "domain.move.succeeded" | "domain.export.succeeded" | "domain.import.succeeded")[];
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
    listPlatformAuditEvents: {
        parameters: {
            query: {
                /** @description An action (account.created), or a prefix ending with a dot (account.) */
                action?: string;
                actorTokenId?: string;
                actorUserId?: string;
                cursor?: string;
                /** @description From this moment on (inclusive) */
                from?: string;
                limit: number;
                resourceId?: string;
                resourceType?: string;
                /** @description Before this moment (exclusive) */
                to?: string;
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
                            /** @description One of listAuditActions' names; an entry recorded before a name was retired keeps its old one */
                            action: string;
                            actor: {
                                email: string | null;
                                name: string | null;
                                tokenId: string | null;
                                tokenName: string | null;
                                /** @description user: in the dashboard; token: with an API token (userId is its creator); platform: no one */
                                type: "user" | "token" | "platform";
                                userId: string | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the action recorded (never a secret) */
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
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
    exportPlatformAuditEvents: {
        parameters: {
            query: {
                /** @description An action (account.created), or a prefix ending with a dot (account.) */
                action?: string;
                actorTokenId?: string;
                actorUserId?: string;
                format: "csv" | "json";
                /** @description From this moment on (inclusive) */
                from?: string;
                resourceId?: string;
                resourceType?: string;
                /** @description Before this moment (exclusive) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The filtered log, newest first: at most 50000 rows (X-Audit-Export-Truncated: true when the filter matched more), streamed as a download */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        exportedAt: string;
                        items: {
                            /** @description One of listAuditActions' names; an entry recorded before a name was retired keeps its old one */
                            action: string;
                            actor: {
                                email: string | null;
                                name: string | null;
                                tokenId: string | null;
                                tokenName: string | null;
                                /** @description user: in the dashboard; token: with an API token (userId is its creator); platform: no one */
                                type: "user" | "token" | "platform";
                                userId: string | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the action recorded (never a secret) */
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            tenantId: string | null;
                        }[];
                        limit: number;
                        rows: number;
                        truncated: boolean;
                    };
                    "text/csv": string;
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Send it back to /auth/login/second-factor with a code, within minutes */
                        challenge: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** @enum {boolean} */
                        secondFactorRequired: true;
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
    loginSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    challenge: string;
                    code?: string;
                    recoveryCode?: string;
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
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
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
                        /** @enum {boolean} */
                        accepted: true;
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
    resetPassword: {
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
                };
            };
        };
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
                            /**
                             * Format: date-time
                             * @description Set while the account is suspended: it cannot log in, and keeps its password and data.
                             */
                            suspendedAt: string | null;
                            suspendedReason: string | null;
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
                            /**
                             * Format: date-time
                             * @description Set while the account is suspended: it cannot log in, and keeps its password and data.
                             */
                            suspendedAt: string | null;
                            suspendedReason: string | null;
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
                            /**
                             * Format: date-time
                             * @description Set while the account is suspended: it cannot log in, and keeps its password and data.
                             */
                            suspendedAt: string | null;
                            suspendedReason: string | null;
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
    exportDomain: {
        parameters: {
            query?: {
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
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": {
                        operation: components["schemas"]["def-1"];
                    };
                };
            };
        };
    };
    downloadDomainExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
                operationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": {
                        operation: components["schemas"]["def-1"];
                    };
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
    startImport: {
        parameters: {
            query: {
                fileName?: string;
                mode: "accounts" | "invites";
                wait?: number;
            };
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        /** @description The members file: CSV (RFC 4180), UTF-8, at most 1048576 bytes and 5000 rows. */
        requestBody: {
            content: {
                "text/csv": string;
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
    moveDomain: {
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
                    targetInstanceId: string;
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
    listRegistrationBlocks: {
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
                            /** @description Normalised: 203.0.113.7/32, 198.51.100.0/24, 2001:db8::/32 */
                            cidr: string;
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            note: string;
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
    createRegistrationBlock: {
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
                    /** @description 198.51.100.7, 198.51.100.0/24, 2001:db8::/32 */
                    cidr: string;
                    note?: string;
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
                        block: {
                            /** @description Normalised: 203.0.113.7/32, 198.51.100.0/24, 2001:db8::/32 */
                            cidr: string;
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            note: string;
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
                        block: {
                            /** @description Normalised: 203.0.113.7/32, 198.51.100.0/24, 2001:db8::/32 */
                            cidr: string;
                            /** Format: date-time */
                            createdAt: string;
                            domainId: string;
                            id: string;
                            note: string;
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
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners" | "memberInvitesPerWeek")[];
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
                    /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                    memberInvitesPerWeek?: number | null;
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
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners" | "memberInvitesPerWeek")[];
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
                        changed: ("historyEnabled" | "historyRetention" | "filesEnabled" | "fileMaxBytes" | "fileQuotaPerDayBytes" | "fileRetention" | "pushIncludeSender" | "pushIncludeBody" | "tlsProfile" | "welcomeMessage" | "abuseAddresses" | "supportAddresses" | "brandName" | "brandColor" | "websiteUrl" | "legalNoticeUrl" | "federation" | "federationAllowlist" | "federationPlatformDomains" | "federationInsecurePartners" | "memberInvitesPerWeek")[];
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
                            /** @description Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to 50; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd */
                            memberInvitesPerWeek: number;
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
    listSignups: {
        parameters: {
            query: {
                cursor?: string;
                limit: number;
                status?: "pending" | "approved" | "rejected";
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
                            accountId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            domainId: string;
                            email: string | null;
                            id: string;
                            ip: string | null;
                            jid: string;
                            localpart: string;
                            reason: string | null;
                            status: "pending" | "approved" | "rejected";
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
    getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
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
                        domainId: string;
                        /** @description Whether the one-time download (passwords, or invite links) is still there to take. */
                        downloadAvailable: boolean;
                        /** @description The import's operation id. */
                        id: string;
                        operation: components["schemas"]["def-1"];
                        report: {
                            counts: {
                                created: number;
                                emailed: number;
                                existing: number;
                                failed: number;
                                invited: number;
                                rows: number;
                            };
                            domain: string;
                            download: boolean;
                            fileName: string | null;
                            mode: "accounts" | "invites";
                            rows: {
                                /** @description Why the row failed: malformed, invalid_username, reserved, invalid_display_name, invalid_email, duplicate, taken, quota_reached, address_full */
                                code?: string;
                                emailed?: boolean;
                                inviteId?: string;
                                jid?: string;
                                /** @description The line of the file the row starts on (the header is line 1). */
                                line: number;
                                message?: string;
                                outcome: "created" | "existing" | "invited" | "failed";
                                username: string;
                            }[];
                        } | null;
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
    downloadImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
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
    importDomain: {
        parameters: {
            query?: {
                wait?: number;
            };
            header?: never;
            path: {
                instanceId: string;
            };
            cookie?: never;
        };
        /** @description The XEP-0227 document (urn:xmpp:pie:0), UTF-8. */
        requestBody: {
            content: {
                "application/xml": string;
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
                            id: string;
                            name: string;
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
                            id: string;
                            name: string;
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
                            /** @description Owners and admins must use two-step sign-in to use this organisation */
                            requireTwoFactor: boolean;
                            role: "owner" | "admin" | "viewer";
                        }[];
                        twoFactorEnabled: boolean;
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
    getTwoFactor: {
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
                        enabled: boolean;
                        enabledAt: string | null;
                        recoveryCodesLeft: number;
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
    confirmTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 6 digits from the app */
                    code: string;
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
                        /** @description Shown once: only their hashes are kept */
                        recoveryCodes: string[];
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
    disableTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    password: string;
                };
            };
        };
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
    regenerateRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 6 digits from the app */
                    code: string;
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
                        /** @description Shown once: only their hashes are kept */
                        recoveryCodes: string[];
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
    startTwoFactor: {
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
                        secret: string;
                        uri: string;
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
                        type: "instance.create" | "instance.start" | "instance.stop" | "instance.restart" | "instance.delete" | "domain.create" | "domain.update" | "domain.delete" | "account.create" | "account.delete" | "account.password" | "account.suspend" | "account.restore" | "account.register" | "accounts.import" | "invite.create" | "invite.revoke" | "member.invite" | "signup.notify" | "room.create" | "room.update" | "room.members" | "room.rename" | "room.delete" | "room.inspect" | "room.moderate" | "irc-gateway.enable" | "irc-gateway.disable" | "dns.check" | "compliance.check" | "certificate.issue" | "backup.create" | "backup.restore" | "domain.restore" | "domain.move" | "domain.export" | "domain.import";
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
    requestSignup: {
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
                    /** @description Told of the decision by email, when the platform sends mail */
                    email?: string;
                    password: string;
                    username: string;
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
                        jid: string;
                        status: "pending" | "approved" | "rejected";
                        /** @description The applicant's status page */
                        statusUrl: string;
                        /** @description Shown once: the applicant follows the sign-up with it */
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
    getPublicResetLink: {
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
                        /** @description The address whose password the link resets */
                        jid: string;
                        status: "active" | "used" | "expired" | "revoked";
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
    useResetLink: {
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
    getSignupStatus: {
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
                        createdAt: string;
                        decidedAt: string | null;
                        domain: string;
                        jid: string;
                        /** @description Why it was rejected, when the admins said */
                        reason: string | null;
                        status: "pending" | "approved" | "rejected";
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
    deleteRegistrationBlock: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                blockId: string;
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
    revokeAccountResetLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                linkId: string;
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
                        accountId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        id: string;
                        /** @description The account's address */
                        jid: string;
                        /** Format: date-time */
                        revokedAt: string | null;
                        status: "active" | "used" | "expired" | "revoked";
                        /** Format: date-time */
                        usedAt: string | null;
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
    setRoomAffiliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    affiliation: "admin" | "member";
                    /** @description An account's bare JID (user@domain) */
                    jid: string;
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
            422: {
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
    listRoomAffiliations: {
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
                        admin: string[];
                        member: string[];
                        /** @description Banned accounts */
                        outcast: string[];
                        owner: string[];
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
            422: {
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
    banFromRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An account's bare JID (user@domain) */
                    jid: string;
                    /** @description Shown to the occupant */
                    reason?: string;
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
            422: {
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
    kickRoomOccupant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The occupant's nickname in the room */
                    nick: string;
                    /** @description Shown to the occupant */
                    reason?: string;
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
            422: {
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
    listRoomOccupants: {
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
                        occupants: {
                            affiliation: "owner" | "admin" | "member" | "outcast" | "none";
                            /** @description The account's bare JID, when the server says */
                            jid: string | null;
                            nick: string;
                            role: "moderator" | "participant" | "visitor" | "none";
                        }[];
                        /** @description The subject occupants see (empty for none); absent where the server kind does not say */
                        subject?: string;
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
            422: {
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
    setRoomOccupantRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The occupant's nickname in the room */
                    nick: string;
                    role: "moderator" | "participant" | "visitor";
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
            422: {
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
    setRoomSubject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: string;
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
            422: {
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
    unbanFromRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                roomId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An account's bare JID (user@domain) */
                    jid: string;
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
            422: {
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
    approveSignup: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until the operation ends. */
                wait?: number;
            };
            header?: never;
            path: {
                signupId: string;
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
                        signup: {
                            accountId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            domainId: string;
                            email: string | null;
                            id: string;
                            ip: string | null;
                            jid: string;
                            localpart: string;
                            reason: string | null;
                            status: "pending" | "approved" | "rejected";
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
                        signup: {
                            accountId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            decidedAt: string | null;
                            domainId: string;
                            email: string | null;
                            id: string;
                            ip: string | null;
                            jid: string;
                            localpart: string;
                            reason: string | null;
                            status: "pending" | "approved" | "rejected";
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
    rejectSignup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                signupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
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
                        accountId: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        decidedAt: string | null;
                        domainId: string;
                        email: string | null;
                        id: string;
                        ip: string | null;
                        jid: string;
                        localpart: string;
                        reason: string | null;
                        status: "pending" | "approved" | "rejected";
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
    listAuditEvents: {
        parameters: {
            query: {
                /** @description An action (account.created), or a prefix ending with a dot (account.) */
                action?: string;
                actorTokenId?: string;
                actorUserId?: string;
                cursor?: string;
                /** @description From this moment on (inclusive) */
                from?: string;
                limit: number;
                resourceId?: string;
                resourceType?: string;
                /** @description Before this moment (exclusive) */
                to?: string;
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
                            /** @description One of listAuditActions' names; an entry recorded before a name was retired keeps its old one */
                            action: string;
                            actor: {
                                email: string | null;
                                name: string | null;
                                tokenId: string | null;
                                tokenName: string | null;
                                /** @description user: in the dashboard; token: with an API token (userId is its creator); platform: no one */
                                type: "user" | "token" | "platform";
                                userId: string | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the action recorded (never a secret) */
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
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
    exportAuditEvents: {
        parameters: {
            query: {
                /** @description An action (account.created), or a prefix ending with a dot (account.) */
                action?: string;
                actorTokenId?: string;
                actorUserId?: string;
                format: "csv" | "json";
                /** @description From this moment on (inclusive) */
                from?: string;
                resourceId?: string;
                resourceType?: string;
                /** @description Before this moment (exclusive) */
                to?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The filtered log, newest first: at most 50000 rows (X-Audit-Export-Truncated: true when the filter matched more), streamed as a download */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        exportedAt: string;
                        items: {
                            /** @description One of listAuditActions' names; an entry recorded before a name was retired keeps its old one */
                            action: string;
                            actor: {
                                email: string | null;
                                name: string | null;
                                tokenId: string | null;
                                tokenName: string | null;
                                /** @description user: in the dashboard; token: with an API token (userId is its creator); platform: no one */
                                type: "user" | "token" | "platform";
                                userId: string | null;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the action recorded (never a secret) */
                            data: {
                                [key: string]: unknown;
                            };
                            id: string;
                            resource: {
                                id: string;
                                name: string | null;
                                type: string;
                            };
                            tenantId: string | null;
                        }[];
                        limit: number;
                        rows: number;
                        truncated: boolean;
                    };
                    "text/csv": string;
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
    setTenantTwoFactor: {
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
                    requireTwoFactor: boolean;
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
                        requireTwoFactor: boolean;
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
    restoreUserAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
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
