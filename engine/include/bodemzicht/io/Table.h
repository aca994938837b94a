// Plain tables, written and read through OGR: report files (CSV, GeoJSON) and the tables a project
// keeps next to its objects (clash reviews, the last clash report, viewer bookmarks). Modules above
// io (clash, the viewer) build a Table and never see a GDAL type.
//
//     io::Table t{{{"clash_id"}, {"distance_m", io::ColumnType::Real, 3}}};
//     t.addRow({std::string("C1"), 0.25}, core::Vec3{155000, 463000, -1});
//     io::writeTableFile("clashes.csv", io::TableFormat::Csv, t, "clashes");
//
//     auto w = io::ProjectTableWriter::open("p.gpkg", "to store reviews");  // lock + transaction
//     w->replace("clash_review", t); w->commit();                          // or nothing at all
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Vec.h>

namespace bz::io {

enum class ColumnType : std::uint8_t { Text, Real, Integer };

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    int decimals = 3;  // Real columns in text formats (CSV) and rounded in others
};

// Null, text, a real (NaN counts as null) or an integer.
using Cell = std::variant<std::monostate, std::string, double, std::int64_t>;

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    // One point per row (RD New + NAP) when the table has point geometry.
    std::vector<core::Vec3> points;
    bool hasPoints = false;

    void addRow(std::vector<Cell> cells) { rows.push_back(std::move(cells)); }
    void addRow(std::vector<Cell> cells, core::Vec3 at) {
        rows.push_back(std::move(cells));
        points.push_back(at);
        hasPoints = true;
    }
    std::optional<std::size_t> column(std::string_view name) const;
    // A cell as text: numbers formatted with the column's decimals; "" for null or no column.
    std::string text(std::size_t row, std::string_view column) const;
    // A cell as a number: text is parsed (checked); NaN for null, no column or not a number.
    double number(std::size_t row, std::string_view column) const;
};

enum class TableFormat { Csv, GeoJson };

// Writes (replacing) a file; GeoJSON points in EPSG:28992 with NAP heights as z.
core::Result<void> writeTableFile(const std::string& path, TableFormat format, const Table& table,
                                  const std::string& layerName);
// The only layer of a table file (a CSV: every cell is text).
core::Result<Table> readTableFile(const std::string& path);

// A table of a project (read-only); nullopt when the project has no such table.
core::Result<std::optional<Table>> readProjectTable(const std::string& project,
                                                    const std::string& name,
                                                    const std::string& purpose);

// One change to a project's tables: holds the project's write lock from open to commit (so what it
// reads is still true when it writes), and runs as one SQLite transaction that is rolled back unless
// commit() succeeds. Other processes see the old tables or the new ones, never a mix.
class ProjectTableWriter {
  public:
    static core::Result<ProjectTableWriter> open(const std::string& project,
                                                 const std::string& purpose);
    ProjectTableWriter(ProjectTableWriter&&) noexcept;
    ProjectTableWriter& operator=(ProjectTableWriter&&) = delete;
    ~ProjectTableWriter();

    const std::string& project() const;
    // The table as it is inside this transaction; nullopt when there is none.
    core::Result<std::optional<Table>> read(const std::string& name);
    // The table's rows replaced by these (created with these columns when it is new; columns it
    // lacks are added).
    core::Result<void> replace(const std::string& name, const Table& table);
    core::Result<void> commit();

  private:
    struct Private;
    explicit ProjectTableWriter(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

}  // namespace bz::io
