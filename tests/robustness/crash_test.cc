// Crash safety: a child process indexes and commits in a loop (with merges)
// and is killed with SIGKILL at a random moment, 50 times over. After every
// kill the index must open, pass Check(), and hold exactly the documents of
// a commit the child completed: the last one it reported, or the one it was
// finishing when killed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"

namespace trawl {
namespace {

constexpr int kBatch = 37;

// The child: commit batch after batch, each doc tagged with its batch
// number, reporting each completed commit on `report_fd`. Never returns.
[[noreturn]] void IndexForever(const std::string& path, int report_fd, uint32_t first_batch) {
  auto index = Index::Open(path);
  if (!index.ok()) _exit(2);
  WriterOptions options;
  options.memory_budget_bytes = 8 * 1024;  // several segments per commit
  options.merge_factor = 3;                // and merges on the way
  auto writer = (*index)->NewWriter(options);
  if (!writer.ok()) _exit(3);
  for (uint32_t batch = first_batch;; ++batch) {
    for (int i = 0; i < kBatch; ++i) {
      Document d;
      d.Add("id", "b" + std::to_string(batch) + "_" + std::to_string(i));
      d.Add("body", "batch" + std::to_string(batch) + " common words here " + std::to_string(i));
      if (!(*writer)->Add(d).ok()) _exit(4);
    }
    if (!(*writer)->Commit().ok()) _exit(5);
    if (write(report_fd, &batch, sizeof(batch)) != sizeof(batch)) _exit(6);
  }
}

TEST(CrashTest, KilledWritersLeaveTheLastCommit) {
  testing::TempDir dir;
  ASSERT_OK(Index::Create(dir.str(), Schema::Default()).status());
  std::mt19937 rng(12345);
  uint32_t committed = 0;  // batches 1..committed are surely in the index
  // The child lives 2-42 ms past this; on a loaded machine that can be too
  // short to commit at all, so a round without a commit doubles it.
  int64_t min_life_us = 2000;
  for (int round = 0; round < 50; ++round) {
    const uint32_t committed_before = committed;
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      IndexForever(dir.str(), fds[1], committed + 1);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(min_life_us + rng() % 40000));
    kill(child, SIGKILL);
    int status;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    uint32_t reported;
    while (read(fds[0], &reported, sizeof(reported)) == sizeof(reported)) committed = reported;
    close(fds[0]);

    ASSERT_OK_AND_ASSIGN(auto index, Index::Open(dir.str()));
    ASSERT_OK(index->Check());
    ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
    uint64_t docs = searcher->num_documents();
    // A commit may have landed just before the kill without being reported.
    ASSERT_TRUE(docs == uint64_t{committed} * kBatch || docs == uint64_t{committed + 1} * kBatch)
        << "round " << round << ": " << docs << " docs after " << committed << " batches";
    if (docs == uint64_t{committed + 1} * kBatch) ++committed;
    min_life_us = committed > committed_before ? 2000 : std::min<int64_t>(2 * min_life_us, 1000000);
    // Every batch is there whole.
    for (uint32_t b : {uint32_t{1}, committed}) {
      // On a loaded machine the child may be killed before its first commit.
      if (b == 0 || b > committed) continue;
      ASSERT_OK_AND_ASSIGN(auto r, searcher->Search(Query::Term("body", "batch" + std::to_string(b))));
      ASSERT_EQ(r.total_hits, uint64_t{kBatch}) << "batch " << b;
    }
  }
  EXPECT_GT(committed, 10u) << "the child should have committed many times";
}

}  // namespace
}  // namespace trawl
