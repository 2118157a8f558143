/**
 * The MikroORM driver class for PGlite, for the migration CLI's configuration (and the tests
 * that configure MikroORM as it does). Apart from pglite.ts, so that opening the embedded
 * database does not load MikroORM first.
 */
export { PGliteDriver as EmbeddedOrmDriver } from 'mikro-orm-pglite';
