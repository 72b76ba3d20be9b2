export {
  ADMIN_JID as EJABBERD_ADMIN_JID,
  API_URL as EJABBERD_API_URL,
  type EjabberdPaths,
  ejabberdPaths,
  nodeName as ejabberdNodeName,
} from "./config.ts";
export { EjabberdDriver, type EjabberdDriverOptions } from "./driver.ts";
export { EjabberdApiClient, EjabberdApiError, type EjabberdApiOptions } from "./http-api.ts";
export { type EjabberdKindOptions, ejabberdKind } from "./kind.ts";
