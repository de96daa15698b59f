// Row mapping of each entity: column list, binding into a RowBuffer, reading from a row.
// Shared by the repositories, the bulk demo writer and the server.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "store/sql_util.hpp"

namespace kaiku::store {

template <class T>
struct Table;  // specialised: name, key, columns, bind(RowBuffer&, const T&), read(const RowReader&)

#define KAIKU_TABLE(T)                                         \
    template <>                                                \
    struct Table<T> {                                          \
        static const char* name;                               \
        static const char* key;                                \
        static const std::vector<std::string>& columns();      \
        static void bind(RowBuffer&, const T&);                \
        static T read(const RowReader&);                       \
    }

KAIKU_TABLE(core::Area);
KAIKU_TABLE(core::Organisation);
KAIKU_TABLE(core::Site);
KAIKU_TABLE(core::VenueProfile);
KAIKU_TABLE(core::CardBatch);
KAIKU_TABLE(core::Allocation);
KAIKU_TABLE(core::Card);
KAIKU_TABLE(core::Usage);
KAIKU_TABLE(core::Rule);
KAIKU_TABLE(core::Quota);
KAIKU_TABLE(core::QuotaAdjustment);
KAIKU_TABLE(core::Message);
KAIKU_TABLE(core::GroupVisit);
KAIKU_TABLE(core::GroupSignup);
KAIKU_TABLE(core::User);
KAIKU_TABLE(core::Conflict);
#undef KAIKU_TABLE

template <class T>
RowBuffer make_buffer() {
    return RowBuffer(Table<T>::columns().size());
}
template <class T>
std::string select_sql() {
    return "SELECT " + join_columns(Table<T>::columns()) + " FROM " + Table<T>::name;
}
template <class T>
const std::string& upsert_statement() {
    static const std::string s = upsert_sql(Table<T>::name, Table<T>::columns(), Table<T>::key);
    return s;
}
template <class T>
const std::string& insert_ignore_statement() {
    static const std::string s = insert_ignore_sql(Table<T>::name, Table<T>::columns(), Table<T>::key);
    return s;
}

// Comma-separated category names ("culture,sports") for the venue profile column.
std::string join_categories(const std::vector<core::Category>&);
std::vector<core::Category> split_categories(const std::string&);

}  // namespace kaiku::store
