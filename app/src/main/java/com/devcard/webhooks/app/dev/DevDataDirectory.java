package com.devcard.webhooks.app.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The dev profile's data folder ({@code WEBHOOKS_DEV_DATA_DIR}, default {@code .devdata}): the
 * embedded PostgreSQL's files and the generated dev keys, kept across restarts.
 */
record DevDataDirectory(Path root) {

  /** A fresh folder under the system's temporary directory. */
  static DevDataDirectory temporary() {
    try {
      return new DevDataDirectory(Files.createTempDirectory("devcard-webhooks-"));
    } catch (IOException exception) {
      throw new UncheckedIOException("cannot create a temporary dev data folder", exception);
    }
  }

  void deleteRecursively() throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  Path postgres() {
    return root.resolve("postgres");
  }

  /** Reads a generated file, creating it once with owner-only permissions. */
  String readOrCreate(String name, Supplier<String> generator) {
    Path file = root.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(root);
      String value = generator.get();
      write(file, value);
      return value;
    } catch (IOException exception) {
      throw new UncheckedIOException("cannot use the dev data folder " + root, exception);
    }
  }

  void write(String name, String content) {
    try {
      Files.createDirectories(root);
      write(root.resolve(name), content);
    } catch (IOException exception) {
      throw new UncheckedIOException("cannot use the dev data folder " + root, exception);
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Other file systems keep their default permissions.
    }
  }
}
