// The clash_review table read and written inside a caller's transaction, so that one clash run
// stores its review statuses and its report together (private to clash).
#pragma once

#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/io/Table.h>

namespace bz::clash::detail {

core::Result<std::map<std::string, ReviewRecord>> reviewsOf(const std::optional<io::Table>& table,
                                                            const std::string& project);
core::Result<void> writeReviewTable(io::ProjectTableWriter& writer,
                                    const std::map<std::string, ReviewRecord>& records);
// Sets each clash's status from the records and the records from the run; returns how many
// stored clashes became resolved. A stored clash that did not occur becomes resolved only when
// the run checked both its objects (`wasChecked`; empty: everything was checked); the others keep
// their status and the report says how many.
std::size_t applyReviews(std::map<std::string, ReviewRecord>& records, ClashReport& report,
                         const WasChecked& wasChecked);

// Read + applyReviews + writeReviewTable inside the writer's transaction.
core::Result<std::size_t> updateReviewTable(io::ProjectTableWriter& writer, ClashReport& report,
                                            const WasChecked& wasChecked);

}  // namespace bz::clash::detail
