// Lucene as a compare.py driver: the same commands and files as
// bench/compare/engines/common.py describes (index / query, docs.tsv,
// bench_queries.tsv, rank_queries.tsv, params.json, OUT.json, runs/lucene.run).
//
// StandardAnalyzer with its default (empty) stop set: UAX#29 words, lower-cased,
// no stemming; TextField keeps positions. BM25Similarity(1.2, 0.75) is Lucene's
// default. The query cache is off so repeated queries are really run; top10 lets
// Lucene skip non-competitive hits (its default count threshold of 1000), while
// top100_count asks for an exact count. One indexing thread, one search thread.
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
  private static final String[] FAMILIES = {
    "term", "and", "or", "phrase", "must_should", "must_not", "natural"
  };
  private static final String[] MODES = {"top10", "top100_count", "count"};

  public static void main(String[] args) throws IOException {
    String command = args[0];
    Path work = Paths.get(args[1]);
    Path indexDir = Paths.get(args[2]);
    Path out = Paths.get(args[3]);
    long start = System.nanoTime();
    String json;
    if (command.equals("index")) {
      index(work, indexDir);
      double seconds = (System.nanoTime() - start) / 1e9;
      json = String.format(Locale.ROOT, "{\"engine\":\"lucene\",\"seconds\":%.6f,\"index_bytes\":%d}",
          seconds, directoryBytes(indexDir));
    } else {
      json = query(work, indexDir);
    }
    Files.writeString(out, json, StandardCharsets.UTF_8);
  }

  private static void index(Path work, Path indexDir) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setRAMBufferSizeMB(256);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (FSDirectory dir = FSDirectory.open(indexDir);
        IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(work.resolve("docs.tsv"))) {
      String line;
      while ((line = in.readLine()) != null) {
        int tab = line.indexOf('\t');
        Document doc = new Document();
        doc.add(new StringField("id", line.substring(0, tab), Field.Store.YES));
        doc.add(new TextField("body", line.substring(tab + 1), Field.Store.NO));
        writer.addDocument(doc);
      }
      writer.commit();
    }
  }

  private static Query term(String t) {
    return new TermQuery(new Term("body", t));
  }

  private static Query build(String family, String[] toks) {
    if (family.equals("term")) return term(toks[0]);
    if (family.equals("phrase")) return new PhraseQuery("body", toks);
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
          for (int w = 0; w < params.get("warmup"); w++) {
            for (Query q : queries) runOne(searcher, q, mode);
          }
          double[] samples = new double[queries.size() * params.get("repeat")];
          int n = 0;
          for (int r = 0; r < params.get("repeat"); r++) {
            for (int i = 0; i < queries.size(); i++) {
              long t0 = System.nanoTime();
              long count = runOne(searcher, queries.get(i), mode);
              samples[n++] = (System.nanoTime() - t0) / 1000.0;
              if (mode.equals("count") && r == 0) {
                counts.append(i > 0 ? "," : "").append('"').append(ids.get(i)).append("\":")
                    .append(count);
              }
            }
          }
          json.append(latencyJson(samples));
        }
        json.append('}');
        counts.append('}');
      }
      json.append("},\"counts\":{").append(counts).append("},\"run\":\"")
          .append(rankAll(work, searcher, params.get("depth"))).append("\"}");
    }
    return json.toString();
  }

  private static String latencyJson(double[] samples) {
    Arrays.sort(samples);
    double sum = 0;
    for (double s : samples) sum += s;
    return String.format(Locale.ROOT, "{\"n\":%d,\"mean_us\":%.3f,\"p50_us\":%.3f,\"p99_us\":%.3f}",
        samples.length, sum / samples.length, percentile(samples, 50), percentile(samples, 99));
  }

  // Nearest rank, as common.percentile.
  private static double percentile(double[] sorted, double p) {
    long rank = Math.round(p / 100 * sorted.length + 0.5);
    rank = Math.max(1, Math.min(sorted.length, rank));
    return sorted[(int) rank - 1];
  }

  private static String rankAll(Path work, IndexSearcher searcher, int depth) throws IOException {
    Path queries = work.resolve("rank_queries.tsv");
    Path runs = work.resolve("runs");
    Files.createDirectories(runs);
    Path run = runs.resolve("lucene.run");
    StoredFields stored = searcher.storedFields();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(run))) {
      if (!Files.exists(queries)) return run.toString();
      for (String line : Files.readAllLines(queries)) {
        String[] parts = line.split("\t", 2);
        if (parts.length < 2 || parts[1].isBlank()) continue;
        TopDocs top = searcher.search(build("or", parts[1].split(" ")), depth);
        int rank = 1;
        for (ScoreDoc hit : top.scoreDocs) {
          out.printf(Locale.ROOT, "%s Q0 %s %d %.9g lucene%n", parts[0],
              stored.document(hit.doc).get("id"), rank++, hit.score);
        }
      }
    }
    return run.toString();
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
