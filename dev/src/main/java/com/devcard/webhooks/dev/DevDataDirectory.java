package com.devcard.webhooks.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The dev profile's data folder ({@code WEBHOOKS_DEV_DATA_DIR}, default {@code .devdata}): the
 * embedded PostgreSQL's files and the generated dev keys, kept across restarts.
 */
record DevDataDirectory(Path root) {

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
