package org.openpersonalize.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;

/**
 * Domain dataset groups on generated data for the recommender tests: the domain schemas, a small
 * catalogue with a known structure (which user watched, viewed or bought what), and helpers to
 * create a recommender and wait for it.
 */
final class DomainFixture {
  /** The engine clock's start: the generated events are the 20 days before it. */
  static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

  static final String VOD_INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  static final String VOD_ITEMS =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"CONTENT_OWNER\",\"type\":[\"null\",\"string\"],\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  static final String ECOMM_ITEMS =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"PRICE\",\"type\":\"float\"},"
          + "{\"name\":\"CATEGORY_L1\",\"type\":\"string\",\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  /** A clock tests move forward. */
  static final class MovableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(NOW.toEpochMilli());

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  /** One generated interaction. */
  record Event(String user, String item, long time, String type) {}

  final OpenPersonalize engine;
  final Personalize p;
  final Path dir;
  private int schemas;

  DomainFixture(OpenPersonalize engine, Path dir) {
    this.engine = engine;
    this.p = engine.personalize();
    this.dir = dir;
  }

  String group(String name, Domain domain) {
    return p.createDatasetGroup(
            CreateDatasetGroupRequest.builder().name(name).domain(domain).build())
        .datasetGroupArn();
  }

  String schema(String json, Domain domain) {
    return p.createSchema(
            CreateSchemaRequest.builder().name("s" + schemas++).schema(json).domain(domain).build())
        .schemaArn();
  }

  /** Creates the group's Interactions dataset and imports the events. */
  void interactions(String group, Domain domain, List<Event> events) throws IOException {
    StringBuilder sb = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
    for (Event e : events) {
      sb.append(e.user)
          .append(',')
          .append(e.item)
          .append(',')
          .append(e.time)
          .append(',')
          .append(e.type)
          .append('\n');
    }
    load(group, "Interactions", schema(VOD_INTERACTIONS, domain), sb.toString());
  }

  /** Creates the group's Items dataset from CSV rows (header included). */
  void items(String group, Domain domain, String csv) throws IOException {
    load(group, "Items", schema(domain == Domain.ECOMMERCE ? ECOMM_ITEMS : VOD_ITEMS, domain), csv);
  }

  private void load(String group, String type, String schemaArn, String csv) throws IOException {
    String dataset = Fixtures.dataset(p, group, type, schemaArn);
    Path file = Files.createTempFile(dir, type, ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Fixtures.importAndWait(engine, type + "-" + schemas, dataset, file, ImportMode.FULL);
  }

  /** Creates a recommender and waits until it has left CREATE PENDING / IN_PROGRESS. */
  Recommender recommender(String name, String group, String useCase, RecommenderConfig config) {
    String arn =
        p.createRecommender(
                CreateRecommenderRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + useCase)
                    .recommenderConfig(config)
                    .build())
            .recommenderArn();
    engine.awaitCompletion(arn, Duration.ofMinutes(2));
    return describe(arn);
  }

  Recommender describe(String arn) {
    return p.describeRecommender(DescribeRecommenderRequest.builder().recommenderArn(arn).build())
        .recommender();
  }

  /**
   * VOD viewing: 60 users, 120 videos in 6 genres. Each user watches 24 videos, mostly of a
   * favourite genre, and clicks 8 more without watching; video {@code v0} is watched by every user,
   * {@code clickbait} is clicked by every user and watched by none.
   */
  static List<Event> vodEvents(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long t = NOW.getEpochSecond() - 20 * 86_400L;
    for (int u = 0; u < 60; u++) {
      int genre = u % 6;
      Set<Integer> seen = new HashSet<>();
      out.add(new Event("u" + u, "v0", t++, "Watch"));
      seen.add(0);
      while (seen.size() < 24) {
        int v = rnd.nextInt(4) == 0 ? rnd.nextInt(120) : genre + 6 * rnd.nextInt(20);
        if (seen.add(v)) {
          out.add(new Event("u" + u, "v" + v, t++, "Watch"));
        }
      }
      for (int k = 0; k < 8; k++) {
        int v = rnd.nextInt(120);
        if (!seen.contains(v)) {
          out.add(new Event("u" + u, "v" + v, t++, "Click"));
        }
      }
      out.add(new Event("u" + u, "clickbait", t++, "Click"));
    }
    return out;
  }

  /** The VOD catalogue: videos {@code v0..v119} in genres {@code g0..g5}, and {@code clickbait}. */
  static String vodItems() {
    StringBuilder sb = new StringBuilder("ITEM_ID,GENRES,CREATION_TIMESTAMP,CONTENT_OWNER\n");
    long created = NOW.getEpochSecond() - 400 * 86_400L;
    for (int v = 0; v < 120; v++) {
      sb.append("v").append(v).append(",g").append(v % 6).append(',').append(created + v);
      sb.append(",studio").append(v % 3).append('\n');
    }
    sb.append("clickbait,g0,").append(created).append(",studio0\n");
    return sb.toString();
  }

  /**
   * Shop traffic: 60 users, 60 products in 30 pairs ({@code p0} goes with {@code p1}, ...). Each
   * user buys both products of 10 pairs and views 30 products; {@code window} is viewed by every
   * user and bought by two, {@code bestseller} (the 61st product) is bought by 50 users and viewed
   * by the same 50 once.
   */
  static List<Event> shopEvents(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>();
    long t = NOW.getEpochSecond() - 20 * 86_400L;
    for (int u = 0; u < 60; u++) {
      Set<Integer> pairs = new HashSet<>();
      while (pairs.size() < 10) {
        pairs.add(rnd.nextInt(30));
      }
      for (int k : pairs) {
        out.add(new Event("u" + u, "p" + 2 * k, t++, "View"));
        out.add(new Event("u" + u, "p" + 2 * k, t++, "Purchase"));
        out.add(new Event("u" + u, "p" + (2 * k + 1), t++, "Purchase"));
      }
      for (int k = 0; k < 30; k++) {
        out.add(new Event("u" + u, "p" + rnd.nextInt(60), t++, "View"));
      }
      out.add(new Event("u" + u, "window", t++, "View"));
      out.add(new Event("u" + u, "window", t++, "View"));
      if (u < 2) {
        out.add(new Event("u" + u, "window", t++, "Purchase"));
      }
      if (u < 50) {
        out.add(new Event("u" + u, "bestseller", t++, "View"));
        out.add(new Event("u" + u, "bestseller", t++, "Purchase"));
      }
    }
    return out;
  }

  /** The shop catalogue. */
  static String shopItems() {
    StringBuilder sb = new StringBuilder("ITEM_ID,PRICE,CATEGORY_L1\n");
    for (int k = 0; k < 60; k++) {
      sb.append("p").append(k).append(',').append(5 + k).append(".0,c").append(k % 4).append('\n');
    }
    sb.append("window,10.0,c0\nbestseller,20.0,c1\n");
    return sb.toString();
  }

  /** The items a user has events of one type for. */
  static Set<String> itemsOf(List<Event> events, String user, String type) {
    Set<String> out = new HashSet<>();
    for (Event e : events) {
      if (e.user.equals(user) && e.type.equalsIgnoreCase(type)) {
        out.add(e.item);
      }
    }
    return out;
  }
}
