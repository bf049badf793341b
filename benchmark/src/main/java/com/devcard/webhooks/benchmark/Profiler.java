package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * With {@code -profile}: Java Flight Recordings of the app JVM and of this JVM (the Temporal
 * server, the receiver, the load), over the measured end-to-end rounds only, to find where the time
 * goes when a target is missed. Read them with {@code jfr view hot-methods <file>}.
 */
final class Profiler {

  private final AppJvm app;
  private final Path directory;
  private Recording harness;

  Profiler(AppJvm app, Path directory) {
    this.app = app;
    this.directory = directory;
  }

  void start() {
    app.jcmd("JFR.start", "name=benchmark", "settings=profile");
    try {
      harness = new Recording(Configuration.getConfiguration("profile"));
      harness.start();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    } catch (ParseException exception) {
      throw new IllegalStateException(exception);
    }
  }

  void stop() {
    Path appFile = directory.resolve("app.jfr");
    Path harnessFile = directory.resolve("harness.jfr");
    app.jcmd("JFR.stop", "name=benchmark", "filename=" + appFile);
    try {
      harness.stop();
      harness.dump(harnessFile);
      harness.close();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
    Bench.log("flight recordings: %s, %s", appFile, harnessFile);
  }
}
