package org.jsna.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsna.Main;

/** File helpers shared by the broken-input corpus and the mapping tests: edit CSV fields, copy folders, run jsna. */
final class CorpusFiles {

    private CorpusFiles() {
    }

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static List<String> lines(Path f) throws IOException {
        return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    }

    static void writeLines(Path f, List<String> lines) throws IOException {
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Index of a column in a plain (unquoted) header line. */
    static int col(String header, String name) {
        String[] h = header.split(",", -1);
        for (int i = 0; i < h.length; i++) {
            if (h[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + header);
    }

    /** The value of a column on a physical line (1 = header) of a file without quoted fields. */
    static String get(Path f, int line, String column) throws IOException {
        List<String> ls = lines(f);
        return ls.get(line - 1).split(",", -1)[col(header(ls, column), column)];
    }

    /** The header line: the first of the file's first lines that names the column (ONS title rows come first). */
    static String header(List<String> ls, String column) {
        for (int i = 0; i < Math.min(10, ls.size()); i++) {
            if (java.util.Arrays.asList(ls.get(i).split(",", -1)).contains(column)) {
                return ls.get(i);
            }
        }
        return ls.get(0);
    }

    /** Sets one field (text written as given, so quote it yourself when it holds a comma). */
    static void set(Path f, int line, String column, String value) throws IOException {
        List<String> ls = lines(f);
        String[] fields = ls.get(line - 1).split(",", -1);
        fields[col(header(ls, column), column)] = value;
        ls.set(line - 1, String.join(",", fields));
        writeLines(f, ls);
    }

    /** Adds a last column {@code name} (one the header already has) holding {@code value} on every row after the header. */
    static void appendColumn(Path f, String name, String value) throws IOException {
        List<String> ls = lines(f);
        int h = ls.indexOf(header(ls, name));
        for (int i = h; i < ls.size(); i++) {
            if (!ls.get(i).isEmpty()) {
                ls.set(i, ls.get(i) + "," + (i == h ? name : value));
            }
        }
        writeLines(f, ls);
    }

    static void replaceLine(Path f, int line, String text) throws IOException {
        List<String> ls = lines(f);
        ls.set(line - 1, text);
        writeLines(f, ls);
    }

    static String line(Path f, int line) throws IOException {
        return lines(f).get(line - 1);
    }

    /** Removes the given physical lines (1-based). */
    static void removeLines(Path f, List<Integer> remove) throws IOException {
        List<String> ls = lines(f);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < ls.size(); i++) {
            if (!remove.contains(i + 1)) {
                kept.add(ls.get(i));
            }
        }
        writeLines(f, kept);
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Writes the long population file as ONS wide CSV exports, one per mid-year, with three title
     * rows; returns the yaml lines of its {@code inputs.population} list.
     */
    static List<String> writeOnsWide(Path longPop, Path dir, String prefix) throws IOException {
        List<String> ls = lines(longPop);
        String header = ls.get(0);
        int ia = col(header, "area_code");
        int is = col(header, "sex");
        int ig = col(header, "age");
        int iy = col(header, "year");
        int ip = col(header, "population");
        java.util.Map<String, java.util.Map<String, long[][]>> byYear = new java.util.TreeMap<>();
        for (String l : ls.subList(1, ls.size())) {
            String[] f = l.split(",", -1);
            long[][] cells = byYear.computeIfAbsent(f[iy], k -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(f[ia], k -> new long[2][91]);
            cells[f[is].equals("F") ? 0 : 1][Integer.parseInt(f[ig])] += Long.parseLong(f[ip]);
        }
        List<String> items = new ArrayList<>();
        for (var y : byYear.entrySet()) {
            StringBuilder sb = new StringBuilder();
            sb.append("Mid-").append(y.getKey()).append(" LSOA 2021 population estimates\n");
            sb.append("Source: synthetic, \"as ONS\"\n\n");
            sb.append("LAD 2023 Code,LAD 2023 Name,LSOA 2021 Code,LSOA 2021 Name,Total");
            for (String s : List.of("F", "M")) {
                for (int a = 0; a <= 90; a++) {
                    sb.append(',').append(s).append(a);
                }
            }
            sb.append('\n');
            for (var a : y.getValue().entrySet()) {
                long total = 0;
                StringBuilder cells = new StringBuilder();
                for (int s = 0; s < 2; s++) {
                    for (int g = 0; g <= 90; g++) {
                        cells.append(',').append(a.getValue()[s][g]);
                        total += a.getValue()[s][g];
                    }
                }
                sb.append("E09000099,Testshire,").append(a.getKey()).append(",Testshire ").append(a.getKey())
                        .append(',').append(total).append(cells).append('\n');
            }
            String name = prefix + y.getKey() + ".csv";
            Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
            items.add("    - {path: \"" + name + "\", year: " + y.getKey() + "}");
        }
        return items;
    }
}
