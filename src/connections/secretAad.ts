/**
 * The additional authenticated data of one stored secret: the row and the property it belongs
 * to, so a ciphertext copied to another connection or another property does not decrypt. One
 * definition for every writer (ConnectionService, ConnectionImporter): a second spelling that
 * drifted would store secrets no reader opens.
 */
export function secretAad(connectionId: string, pointer: string): string {
  return `integration_connection:${connectionId}:${pointer}`;
}
