package org.openpersonalize.engine.internal.training;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns an Items dataset's textual column (spec §1.4: free text, at most one per schema) into the
 * token rows recipes read ({@link org.openpersonalize.spi.TrainingData#itemTextColumns()}): lower
 * case, split at every character that is not a letter or digit, tokens of one character dropped
 * (they carry no meaning alone and are most of the noise in product text). Tokens are numbered in
 * order of first appearance over the items, so the same data gives the same dictionary. No stop
 * words: recipes weigh tokens by inverse document frequency, which discounts "the" on its own, in
 * any language.
 *
 * @param numTokens the size of the token dictionary
 * @param offsets item → start in {@code tokens}; length = items + 1
 * @param tokens the tokens of each item in text order, repeats kept (term frequency)
 */
public record TextTokens(int numTokens, int[] offsets, int[] tokens) {

  /**
   * Tokenizes one text per item.
   *
   * @param texts text per item, null when the item has none
   * @return the token rows
   */
  public static TextTokens of(String[] texts) {
    Object2IntOpenHashMap<String> dict = new Object2IntOpenHashMap<>();
    dict.defaultReturnValue(-1);
    int[] offsets = new int[texts.length + 1];
    int[] tokens = new int[64];
    int n = 0;
    StringBuilder word = new StringBuilder();
    for (int item = 0; item < texts.length; item++) {
      String text = texts[item];
      if (text != null) {
        int len = text.length();
        for (int c = 0; c <= len; c++) {
          int cp = c < len ? text.charAt(c) : ' ';
          if (Character.isLetterOrDigit(cp)) {
            word.append((char) cp);
            continue;
          }
          if (word.length() > 1) {
            String w = word.toString().toLowerCase(Locale.ROOT);
            int id = dict.getInt(w);
            if (id < 0) {
              id = dict.size();
              dict.put(w, id);
            }
            if (n == tokens.length) {
              tokens = Arrays.copyOf(tokens, 2 * n);
            }
            tokens[n++] = id;
          }
          word.setLength(0);
        }
      }
      offsets[item + 1] = n;
    }
    return new TextTokens(dict.size(), offsets, Arrays.copyOf(tokens, n));
  }
}
