package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a short command loads and what the jar holds (README, "Start-up"): {@code jsna calc} keeps its
 * table in Tablesaw's typed columns without ever initialising Tablesaw's {@code Table} (whose
 * initialiser scans the class path with ClassGraph), {@code jsna --version} loads no command's classes,
 * and the jar leaves out ICU4J's data and the annotation-only jars.
 */
class StartupIT {

    @TempDir
    Path tmp;

    private static final String JAR = System.getProperty("jsna.jar", "target/jsna.jar");

    /** The classes the JVM loaded while running {@code java -jar jsna.jar args}. */
    private Set<String> loadedClasses(String... args) throws Exception {
        Path log = tmp.resolve("classes.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-jar", JAR));
        cmd.addAll(List.of(args));
        File out = tmp.resolve("out.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(tmp.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jsna did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
        // lines like "[0.052s][info][class,load] java.lang.Object source: shared objects file"
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .collect(Collectors.toSet());
    }

    @Test
    void calcUsesTablesawColumnsWithoutTheClassPathScan() throws Exception {
        Path csv = tmp.resolve("small.csv");
        Files.writeString(csv, "area,n,d\nA,12,1000\nB,3,500\n");
        Set<String> loaded = loadedClasses("calc", "rate", "--input", csv.toString(), "--numerator", "n",
                "--denominator", "d");
        assertTrue(loaded.contains("tech.tablesaw.api.DoubleColumn"), "calc's numbers are in a DoubleColumn");
        assertTrue(loaded.contains("tech.tablesaw.api.StringColumn"), "calc's text is in a StringColumn");
        assertFalse(loaded.contains("tech.tablesaw.api.Table"), "Table's initialiser scans the class path");
        assertFalse(loaded.stream().anyMatch(c -> c.startsWith("io.github.classgraph.")), "no ClassGraph scan");
        for (String other : List.of("org.jsna.pipeline.", "org.jfree.", "org.apache.poi.")) {
            assertFalse(loaded.stream().anyMatch(c -> c.startsWith(other)), "nothing of report loaded: " + other);
        }
        assertEquals("area,n,d,value,lowercl,uppercl,confidence,statistic,method,value_note",
                Files.readAllLines(tmp.resolve("out.txt")).get(0));
    }

    @Test
    void versionLoadsNoCommand() throws Exception {
        Set<String> loaded = loadedClasses("--version");
        assertFalse(loaded.stream().anyMatch(c -> c.startsWith("tech.tablesaw.")), "no Tablesaw");
        assertFalse(loaded.stream().anyMatch(c -> c.startsWith("org.jsna.calc.")), "no calc");
        // (the commands' classes are loaded for their names; their models, mixins and methods are not built)
        assertFalse(loaded.stream().anyMatch(c -> c.startsWith("org.jsna.cli.calc.")), "calc's methods not built");
    }

    @Test
    void theJarLeavesOutWhatJsnaNeverUses() throws Exception {
        try (ZipFile jar = new ZipFile(JAR)) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("tech/tablesaw/api/Table.class"), "Tablesaw is whole");
            assertTrue(names.contains("com/ibm/icu/text/CharsetDetector.class"), "ICU4J's classes stay");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("com/ibm/icu/impl/data/")), "ICU4J's data");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/checkerframework/")), "checker-qual");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("javax/annotation/Nonnull")), "jsr305");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("com/google/errorprone/annotations/")),
                    "error_prone_annotations");
        }
    }
}
