/** The longest passkey name kept (longer ones are cut). */
export const PASSKEY_NAME_MAX = 64;
