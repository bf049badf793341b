package com.devcard.webhooks.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The one table a run prints: each figure, its target, and whether the target is met. */
final class ResultTable {

  private record Row(String number, String figure, String result, String target, String verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(String number, String figure, String result, String target, String verdict) {
    rows.add(new Row(number, figure, result, target, verdict));
  }

  /** A paragraph printed under the table, to explain a figure. */
  void note(String markdown) {
    notes.add(markdown);
  }

  static String verdict(boolean met, String ratio) {
    return (met ? "met" : "MISSED") + (ratio.isEmpty() ? "" : " (" + ratio + ")");
  }

  String markdown() {
    StringBuilder table = new StringBuilder();
    table.append("| # | figure | result | target | verdict |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (Row row : rows) {
      table
          .append("| ")
          .append(
              String.join(
                  " | ", row.number(), row.figure(), row.result(), row.target(), row.verdict()))
          .append(" |\n");
    }
    for (String note : notes) {
      table.append("\n").append(note).append("\n");
    }
    return table.toString();
  }
}
