package org.openpersonalize.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build's guard on the generated model: the committed classes in this package must be exactly
 * what tools/modelgen/ModelGen.java makes of model.def, formatted as spotless formats them. It
 * compiles the generator from its source (it lives outside any module, beside model.def, where a
 * contributor looks), so editing the generator, model.def or a generated file without regenerating
 * fails {@code mvn verify}, as does a generated file model.def no longer defines.
 */
class GeneratedModelIsUpToDateTest {
  private static final String REGENERATE =
      "regenerate from the repository root: java tools/modelgen/ModelGen.java"
          + " && mvn -q spotless:apply -pl personalize-api";

  private static Path root;
  private static Path modelDir;
  private static Class<?> generator;

  @BeforeAll
  static void compileGenerator() throws Exception {
    root = Path.of("").toAbsolutePath().getParent();
    modelDir = root.resolve("personalize-api/src/main/java/org/openpersonalize/api/model");
    Path source = root.resolve("tools/modelgen/ModelGen.java");
    assertTrue(Files.isRegularFile(source), "generator not found at " + source);
    Path classes = Path.of("target", "modelgen-classes").toAbsolutePath();
    Files.createDirectories(classes);
    // The JDK's javac as a process: the test runs patched into the API module, which reads no
    // java.compiler module, and the build already requires a JDK.
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    assertTrue(Files.isExecutable(javac), "the generated-model check needs a JDK; no " + javac);
    Process p =
        new ProcessBuilder(javac.toString(), "-d", classes.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "tools/modelgen/ModelGen.java does not compile:\n" + log);
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    generator = loader.loadClass("ModelGen");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> generate() throws Exception {
    Method m = generator.getMethod("generate", Path.class);
    return (Map<String, String>) m.invoke(null, root.resolve("tools/modelgen/model.def"));
  }

  @Test
  void committedClassesEqualTheGeneratorOutput() throws Exception {
    Map<String, String> generated = generate();
    assertTrue(generated.size() > 100, "model.def defines " + generated.size() + " types");
    Formatter formatter = new Formatter();
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, String> e : generated.entrySet()) {
      Path committed = modelDir.resolve(e.getKey());
      String expected = format(formatter, e.getKey(), e.getValue());
      if (!Files.exists(committed)) {
        differing.add(e.getKey() + " (missing)");
      } else if (!Files.readString(committed, StandardCharsets.UTF_8).equals(expected)) {
        differing.add(e.getKey());
      }
    }
    if (!differing.isEmpty()) {
      fail(
          differing.size()
              + " generated model files differ from what model.def gives: "
              + (differing.size() > 10 ? differing.subList(0, 10) + " ..." : differing)
              + "; edit model.def or the generator, never a generated file, then "
              + REGENERATE);
    }
  }

  @Test
  void noGeneratedFileOutlivesItsDefinition() throws Exception {
    Map<String, String> generated = generate();
    Method stale = generator.getMethod("staleFiles", Path.class, Set.class);
    Object found = stale.invoke(null, modelDir, generated.keySet());
    assertEquals(
        List.of(),
        found,
        "generated files that model.def no longer defines (the generator deletes them): "
            + REGENERATE);
  }

  private static String format(Formatter formatter, String name, String source) {
    try {
      return formatter.formatSourceAndFixImports(source);
    } catch (FormatterException e) {
      throw new AssertionError("the generator's " + name + " is not valid Java: " + e, e);
    }
  }
}
