#pragma once

namespace kaiku::store {

enum class Dialect { sqlite, postgresql };
// The client's cache and the server's register share the entity tables; each adds its own.
enum class SchemaKind { client, server };

}  // namespace kaiku::store
