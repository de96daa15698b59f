#pragma once

namespace kaiku::store {

enum class Dialect { sqlite, postgresql };
// The client's cache and the server's register share the entity tables; each adds its own.
enum class SchemaKind { client, server };
// Opening a database made for the other kind: refuse it (the default: migrating it as the wrong kind would damage
// it), or adopt its kind (tools that only read, such as kaikuctl report --database).
enum class OtherKind { refuse, adopt };

}  // namespace kaiku::store
