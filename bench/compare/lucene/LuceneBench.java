// Lucene as a compare.py driver: the same commands and files as
// bench/compare/engines/common.py describes (index / query, docs.tsv,
// bench_queries.tsv, rank_queries.tsv, params.json, OUT.json, runs/lucene.run).
//
// StandardAnalyzer with its default (empty) stop set: UAX#29 words, lower-cased,
// no stemming; TextField keeps positions. BM25Similarity(1.2, 0.75) is Lucene's
// default. The query cache is off so repeated queries are really run; top10 lets
// Lucene skip non-competitive hits (its default count threshold of 1000), while
// top100_count asks for an exact count. $COMPARE_THREADS indexing threads (1
// unless run.py asks for more; merges run in Lucene's own background threads),
// one search thread. params.json's budget_s caps one family / mode as
// common.py's time_queries does. prefix is a PrefixQuery (its default rewrite
// is constant-score), fuzzy a FuzzyQuery with FUZZY_EDITS edits, no exact
// prefix, transpositions and the default maxExpansions of 50 (its default
// rewrite: the 50 closest terms, blended-frequency BM25), both as common.py's
// FUZZY_EDITS and FUZZY_MAX_TERMS say.
//
// `rank-english WORK INDEX_DIR OUT` is the stemmed reference: raw_docs.tsv
// (title + text, untouched) through EnglishAnalyzer (possessives, stop words,
// Porter stemming; lucene-analysis-common), the raw queries analysed alike and
// OR-ed, ranked with BM25(1.2, 0.75) into runs/lucene-english.run and with
// Anserini's BEIR setting BM25(0.9, 0.4) into runs/lucene-english-k0.9-b0.4.run.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
  private static final String[] FAMILIES = {
    "term", "and", "or", "phrase", "must_should", "must_not", "prefix", "fuzzy", "natural"
  };
  // As bench/compare/engines/common.py's FUZZY_EDITS and FUZZY_MAX_TERMS.
  private static final int FUZZY_EDITS = 1;
  private static final int FUZZY_MAX_TERMS = 50;
  private static final String[] MODES = {"top10", "top100_count", "count"};

  public static void main(String[] args) throws IOException {
    String command = args[0];
    Path work = Paths.get(args[1]);
    Path indexDir = Paths.get(args[2]);
    Path out = Paths.get(args[3]);
    long start = System.nanoTime();
    String json;
    if (command.equals("rank-english")) {
      rankEnglish(work, indexDir);
      json = "{\"engine\":\"lucene\"}";
    } else if (command.equals("index")) {
      index(work, indexDir);
      double seconds = (System.nanoTime() - start) / 1e9;
      json = String.format(Locale.ROOT, "{\"engine\":\"lucene\",\"seconds\":%.6f,\"index_bytes\":%d}",
          seconds, directoryBytes(indexDir));
    } else {
      json = query(work, indexDir);
    }
    Files.writeString(out, json, StandardCharsets.UTF_8);
  }

  private static int threads() {
    String value = System.getenv("COMPARE_THREADS");
    return value == null ? 1 : Math.max(1, Integer.parseInt(value));
  }

  private static Document document(String line) {
    int tab = line.indexOf('\t');
    Document doc = new Document();
    doc.add(new StringField("id", line.substring(0, tab), Field.Store.YES));
    doc.add(new TextField("body", line.substring(tab + 1), Field.Store.NO));
    return doc;
  }

  private static void index(Path work, Path indexDir) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setRAMBufferSizeMB(256);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    int threads = threads();
    try (FSDirectory dir = FSDirectory.open(indexDir);
        IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(work.resolve("docs.tsv"))) {
      String line;
      if (threads == 1) {
        while ((line = in.readLine()) != null) writer.addDocument(document(line));
      } else {
        // This thread reads; `threads` workers analyse and invert, each into
        // its own in-memory segment (Lucene's DocumentsWriterPerThread).
        BlockingQueue<List<String>> queue = new ArrayBlockingQueue<>(4 * threads);
        List<String> end = new ArrayList<>();
        IOException[] failure = new IOException[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Thread worker = new Thread(() -> {
            try {
              for (List<String> batch = queue.take(); batch != end; batch = queue.take()) {
                for (String l : batch) writer.addDocument(document(l));
              }
            } catch (IOException e) {
              synchronized (failure) { failure[0] = e; }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          worker.start();
          workers.add(worker);
        }
        try {
          List<String> batch = new ArrayList<>();
          while ((line = in.readLine()) != null) {
            batch.add(line);
            if (batch.size() == 256) {
              queue.put(batch);
              batch = new ArrayList<>();
            }
          }
          if (!batch.isEmpty()) queue.put(batch);
          for (int t = 0; t < threads; t++) queue.put(end);
          for (Thread worker : workers) worker.join();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        if (failure[0] != null) throw failure[0];
      }
      writer.commit();
    }
  }

  // The stemmed reference ranking; see the comment at the top.
  private static void rankEnglish(Path work, Path indexDir) throws IOException {
    Analyzer analyzer = new org.apache.lucene.analysis.en.EnglishAnalyzer();
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (FSDirectory dir = FSDirectory.open(indexDir)) {
      try (IndexWriter writer = new IndexWriter(dir, config);
          BufferedReader in = Files.newBufferedReader(work.resolve("raw_docs.tsv"))) {
        String line;
        while ((line = in.readLine()) != null) writer.addDocument(document(line));
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        List<String[]> queries = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("raw_rank_queries.tsv"))) {
          String[] parts = line.split("\t", 2);
          List<String> terms = new ArrayList<>();
          try (TokenStream ts = analyzer.tokenStream("body", parts.length > 1 ? parts[1] : "")) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) terms.add(term.toString());
            ts.end();
          }
          queries.add(new String[] {parts[0], String.join(" ", terms)});
        }
        searcher.setSimilarity(new BM25Similarity(1.2f, 0.75f));
        writeRun(work.resolve("runs").resolve("lucene-english.run"), searcher, queries, 1000);
        searcher.setSimilarity(new BM25Similarity(0.9f, 0.4f));
        writeRun(work.resolve("runs").resolve("lucene-english-k0.9-b0.4.run"), searcher,
            queries, 1000);
      }
    }
  }

  private static Query term(String t) {
    return new TermQuery(new Term("body", t));
  }

  private static Query build(String family, String[] toks) {
    if (family.equals("term")) return term(toks[0]);
    if (family.equals("phrase")) return new PhraseQuery("body", toks);
    if (family.equals("prefix")) return new PrefixQuery(new Term("body", toks[0]));
    if (family.equals("fuzzy")) {
      return new FuzzyQuery(new Term("body", toks[0]), FUZZY_EDITS, 0, FUZZY_MAX_TERMS, true);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    switch (family) {
      case "and" -> Arrays.stream(toks).forEach(t -> b.add(term(t), Occur.MUST));
      case "or", "natural" -> Arrays.stream(toks).forEach(t -> b.add(term(t), Occur.SHOULD));
      case "must_should" -> {
        b.add(term(toks[0]), Occur.MUST);
        b.add(term(toks[1]), Occur.SHOULD);
      }
      default -> {
        b.add(term(toks[0]), Occur.MUST);
        b.add(term(toks[1]), Occur.MUST_NOT);
      }
    }
    return b.build();
  }

  // Runs one query in `mode`; returns the exact count, or -1 when not asked.
  private static long runOne(IndexSearcher searcher, Query q, String mode) throws IOException {
    switch (mode) {
      case "top10":
        searcher.search(q, 10);
        return -1;
      case "top100_count":
        return searcher.search(q, new TopScoreDocCollectorManager(100, Integer.MAX_VALUE))
            .totalHits.value();
      default:
        return searcher.count(q);
    }
  }

  private static String query(Path work, Path indexDir) throws IOException {
    Map<String, Integer> params = readParams(work.resolve("params.json"));
    List<String[]> bench = new ArrayList<>();
    try (Stream<String> lines = Files.lines(work.resolve("bench_queries.tsv"))) {
      lines.forEach(l -> bench.add(l.split("\t", 3)));
    }
    StringBuilder json = new StringBuilder("{\"engine\":\"lucene\",\"latency\":{");
    StringBuilder counts = new StringBuilder();
    try (FSDirectory dir = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setQueryCache(null);
      for (int f = 0; f < FAMILIES.length; f++) {
        String family = FAMILIES[f];
        List<String> ids = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        for (String[] row : bench) {
          if (!row[0].equals(family)) continue;
          ids.add(row[1]);
          queries.add(build(family, row[2].split(" ")));
        }
        json.append(f > 0 ? "," : "").append('"').append(family).append("\":{");
        counts.append(f > 0 ? "," : "").append('"').append(family).append("\":{");
        for (int m = 0; m < MODES.length; m++) {
          String mode = MODES[m];
          json.append(m > 0 ? "," : "").append('"').append(mode).append("\":");
          if (queries.isEmpty()) {
            json.append("{\"unsupported\":true}");
            continue;
          }
          long budget = params.getOrDefault("budget_s", 0) * 1_000_000_000L;
          if (budget == 0) budget = Long.MAX_VALUE;
          long began = System.nanoTime();
          boolean capped = false;
          for (int w = 0; w < params.get("warmup") && !capped; w++) {
            for (Query q : queries) {
              runOne(searcher, q, mode);
              if (System.nanoTime() - began > budget / 3) {
                capped = true;
                break;
              }
            }
          }
          double[] samples = new double[queries.size() * params.get("repeat")];
          int n = 0;
          boolean first = true;
          for (int r = 0; r < params.get("repeat") && !(capped && n > 0); r++) {
            for (int i = 0; i < queries.size(); i++) {
              long t0 = System.nanoTime();
              long count = runOne(searcher, queries.get(i), mode);
              long t1 = System.nanoTime();
              samples[n++] = (t1 - t0) / 1000.0;
              if (mode.equals("count") && r == 0) {
                counts.append(first ? "" : ",").append('"').append(ids.get(i)).append("\":")
                    .append(count);
                first = false;
              }
              if (t1 - began > budget) {
                capped = true;
                break;
              }
            }
          }
          json.append(latencyJson(Arrays.copyOf(samples, n), capped));
        }
        json.append('}');
        counts.append('}');
      }
      json.append("},\"counts\":{").append(counts).append("},\"run\":\"")
          .append(rankAll(work, searcher, params.get("depth"))).append("\"}");
    }
    return json.toString();
  }

  private static String latencyJson(double[] samples, boolean capped) {
    Arrays.sort(samples);
    double sum = 0;
    for (double s : samples) sum += s;
    return String.format(Locale.ROOT,
        "{\"n\":%d,\"mean_us\":%.3f,\"p50_us\":%.3f,\"p99_us\":%.3f%s}", samples.length,
        sum / samples.length, percentile(samples, 50), percentile(samples, 99),
        capped ? ",\"capped\":true" : "");
  }

  // Nearest rank, as common.percentile.
  private static double percentile(double[] sorted, double p) {
    long rank = Math.round(p / 100 * sorted.length + 0.5);
    rank = Math.max(1, Math.min(sorted.length, rank));
    return sorted[(int) rank - 1];
  }

  private static String rankAll(Path work, IndexSearcher searcher, int depth) throws IOException {
    Path queries = work.resolve("rank_queries.tsv");
    Path run = work.resolve("runs").resolve("lucene.run");
    List<String[]> rows = new ArrayList<>();
    if (Files.exists(queries)) {
      for (String line : Files.readAllLines(queries)) rows.add(line.split("\t", 2));
    }
    writeRun(run, searcher, rows, depth);
    return run.toString();
  }

  // The top `depth` of each {query id, space-separated terms} OR-ed, as a TREC run.
  private static void writeRun(Path run, IndexSearcher searcher, List<String[]> queries,
      int depth) throws IOException {
    Files.createDirectories(run.getParent());
    StoredFields stored = searcher.storedFields();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(run))) {
      for (String[] parts : queries) {
        if (parts.length < 2 || parts[1].isBlank()) continue;
        TopDocs top = searcher.search(build("or", parts[1].split(" ")), depth);
        int rank = 1;
        for (ScoreDoc hit : top.scoreDocs) {
          out.printf(Locale.ROOT, "%s Q0 %s %d %.9g lucene%n", parts[0],
              stored.document(hit.doc).get("id"), rank++, hit.score);
        }
      }
    }
  }

  private static Map<String, Integer> readParams(Path path) throws IOException {
    Map<String, Integer> params = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\"(\\w+)\":\\s*(\\d+)").matcher(Files.readString(path));
    while (m.find()) params.put(m.group(1), Integer.parseInt(m.group(2)));
    return params;
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
