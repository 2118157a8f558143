/**
 * Output objects of the compiled engine. Their prototype is an empty, frozen object whose
 * own prototype is null: no `Object.prototype` in the chain, so a target key such as
 * `__proto__`, `constructor` or `toString` becomes a plain own property and can pollute
 * nothing, and nothing inherited can be read. Unlike `Object.create(null)`, which V8 keeps
 * in slow dictionary mode, instances get fast hidden-class layouts.
 */
class MappedAttributes {}
delete (MappedAttributes.prototype as { constructor?: unknown }).constructor;
Object.setPrototypeOf(MappedAttributes.prototype, null);
Object.freeze(MappedAttributes.prototype);

/** A new, empty output object (see the module comment). */
export function newAttributes(): Record<string, unknown> {
  return new MappedAttributes() as Record<string, unknown>;
}
