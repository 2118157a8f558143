/**
 * The environment variable that supplies one operator setting of one integration:
 * `REGSYNC_OPERATOR__<INTEGRATION>__<SETTING>`, both parts upper snake case
 * (`telegram` + `bot_token` or `botToken` -> `REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN`; a `-` of
 * the integration key becomes `_`). The double underscore separates the parts because a single
 * one occurs inside them. Upper snake case is what operators write in env files, compose files
 * and Kubernetes manifests; because two setting names can map to one variable (`botToken`,
 * `bot_token`), the validator refuses a manifest where they would
 * (`operator-setting-env-collision`).
 */
export function operatorEnvName(integrationKey: string, setting: string): string {
  return `${OPERATOR_ENV_PREFIX}${upperSnake(integrationKey)}__${upperSnake(setting)}`;
}

/** The prefix of every operator setting variable. */
export const OPERATOR_ENV_PREFIX = 'REGSYNC_OPERATOR__';

function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}
