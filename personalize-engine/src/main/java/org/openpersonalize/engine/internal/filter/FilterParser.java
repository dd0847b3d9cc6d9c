package org.openpersonalize.engine.internal.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.CurrentItem;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterAst.Op;
import org.openpersonalize.engine.internal.filter.FilterAst.Operand;
import org.openpersonalize.engine.internal.filter.FilterAst.Param;
import org.openpersonalize.engine.internal.filter.FilterAst.Star;
import org.openpersonalize.engine.internal.filter.FilterAst.Values;
import org.openpersonalize.engine.internal.filter.FilterLexer.Kind;
import org.openpersonalize.engine.internal.filter.FilterLexer.Token;

/**
 * A hand-written recursive-descent parser for Amazon Personalize filter expressions (spec §5.2).
 *
 * <p>Hand-written rather than generated so that every error can say where it is and what was
 * expected there: {@code Could not create filter. Invalid Expression at position 24: expected
 * WHERE, found "WHER"}. Positions are 1-based. Keywords ({@code INCLUDE}, {@code WHERE}, {@code
 * AND}, …) are case-insensitive; dataset, target and field names are matched as written, except
 * that the singular {@code Action.} of one documented example is read as {@code Actions.}, and a
 * parenthesised scalar such as {@code > ($VALUE)} is accepted, as another example writes it.
 */
public final class FilterParser {
  /** Spec §5.1: the longest expression. */
  public static final int MAX_LENGTH = 2500;

  private static final String PREFIX = "Could not create filter. ";

  private final List<Token> tokens;
  private int at;

  private FilterParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * Parses an expression.
   *
   * @param expression the filter expression
   * @return the parsed filter
   * @throws InvalidInputException with the position and what was expected, for any syntax error
   */
  public static FilterAst.Filter parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidInputException(
          "filterExpression must be 1-" + MAX_LENGTH + " characters; got: an empty expression");
    }
    if (expression.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "filterExpression must be 1-"
              + MAX_LENGTH
              + " characters; got: "
              + expression.length()
              + " characters");
    }
    return new FilterParser(FilterLexer.lex(expression)).filter();
  }

  static InvalidInputException invalid(int position, String message) {
    return new InvalidInputException(
        PREFIX + "Invalid Expression at position " + position + ": " + message);
  }

  // ---- grammar ----------------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private boolean keyword(String kw) {
    Token t = peek();
    return t.kind == Kind.WORD && t.text.equalsIgnoreCase(kw);
  }

  private boolean symbol(String s) {
    Token t = peek();
    return t.kind == Kind.SYMBOL && t.text.equals(s);
  }

  private Token expectKeyword(String kw) {
    if (!keyword(kw)) {
      throw expected(kw);
    }
    return next();
  }

  private Token expectSymbol(String s) {
    if (!symbol(s)) {
      throw expected("\"" + s + "\"");
    }
    return next();
  }

  private InvalidInputException expected(String what) {
    Token t = peek();
    return invalid(t.position, "expected " + what + ", found " + t.show());
  }

  private FilterAst.Filter filter() {
    List<Expr> exprs = new ArrayList<>();
    exprs.add(expression());
    while (symbol("|")) {
      next();
      exprs.add(expression());
    }
    if (peek().kind != Kind.END) {
      throw expected("AND, OR, IF, \"|\" or the end of the expression");
    }
    return new FilterAst.Filter(List.copyOf(exprs));
  }

  private Expr expression() {
    Token action = peek();
    boolean include;
    if (keyword("INCLUDE")) {
      include = true;
    } else if (keyword("EXCLUDE")) {
      include = false;
    } else {
      throw expected("INCLUDE or EXCLUDE");
    }
    next();
    Token target = peek();
    if (target.kind != Kind.WORD
        || !(target.text.equals("ItemID")
            || target.text.equals("UserID")
            || target.text.equals("ActionID"))) {
      throw expected("ItemID, UserID or ActionID");
    }
    next();
    expectKeyword("WHERE");
    List<List<Cond>> anyOf = new ArrayList<>();
    List<Cond> group = new ArrayList<>();
    group.add(condition());
    while (keyword("AND") || keyword("OR")) {
      if (next().text.equalsIgnoreCase("OR")) {
        anyOf.add(List.copyOf(group));
        group = new ArrayList<>();
      }
      group.add(condition());
    }
    anyOf.add(List.copyOf(group));
    List<Cond> ifAll = new ArrayList<>();
    if (keyword("IF")) {
      next();
      ifAll.add(userCondition());
      while (keyword("AND")) {
        next();
        ifAll.add(userCondition());
      }
      if (keyword("OR")) {
        throw invalid(
            peek().position,
            "expected AND, \"|\" or the end of the expression, found"
                + " \"OR\" (an IF clause joins its conditions with AND only)");
      }
    }
    return new Expr(include, target.text, List.copyOf(anyOf), List.copyOf(ifAll), action.position);
  }

  private static final List<String> DATASETS =
      List.of("Items", "Interactions", "Users", "Actions", "Action_Interactions");

  private Cond condition() {
    Token ds = peek();
    if (ds.kind == Kind.WORD && ds.text.equals("CurrentUser")) {
      throw invalid(
          ds.position, "CurrentUser may only be used in the IF clause at the end of an expression");
    }
    String dataset;
    if (ds.kind == Kind.WORD && DATASETS.contains(ds.text)) {
      dataset = ds.text;
    } else if (ds.kind == Kind.WORD && ds.text.equals("Action")) {
      dataset = "Actions";
    } else {
      throw expected("a dataset (" + String.join(", ", DATASETS) + ")");
    }
    next();
    expectSymbol(".");
    String field = field();
    Op op = op();
    return new Cond(dataset, field, op, operand(op, true), ds.position);
  }

  private Cond userCondition() {
    Token t = peek();
    if (!(t.kind == Kind.WORD && t.text.equals("CurrentUser"))) {
      throw expected("CurrentUser");
    }
    next();
    expectSymbol(".");
    String field = field();
    Op op = op();
    return new Cond("CurrentUser", field, op, operand(op, false), t.position);
  }

  private String field() {
    Token t = peek();
    if (t.kind != Kind.WORD) {
      throw expected("a field name");
    }
    next();
    return t.text;
  }

  private Op op() {
    Token t = peek();
    if (keyword("IN")) {
      next();
      return Op.IN;
    }
    if (keyword("NOT")) {
      next();
      expectKeyword("IN");
      return Op.NOT_IN;
    }
    if (t.kind == Kind.SYMBOL) {
      for (Op op : Op.values()) {
        if (!op.text.contains(" ") && !op.text.equals("IN") && op.text.equals(t.text)) {
          next();
          return op;
        }
      }
    }
    throw expected("IN, NOT IN, =, !=, <, <=, > or >=");
  }

  private Operand operand(Op op, boolean currentItemAllowed) {
    Token t = peek();
    if (t.kind == Kind.WORD && t.text.equals("CurrentItem")) {
      if (!currentItemAllowed) {
        throw invalid(t.position, "CurrentItem cannot be compared in the IF clause");
      }
      next();
      expectSymbol(".");
      return new CurrentItem(field());
    }
    if (op == Op.IN || op == Op.NOT_IN) {
      expectSymbol("(");
      Operand o = valueList(op);
      expectSymbol(")");
      return o;
    }
    // Scalar comparison; "($VALUE)" as one documented example writes it is the same thing.
    boolean paren = symbol("(");
    if (paren) {
      next();
    }
    Operand o = scalar(op);
    if (paren) {
      expectSymbol(")");
    }
    return o;
  }

  private Operand valueList(Op op) {
    Token t = peek();
    if (symbol("*")) {
      next();
      return new Star();
    }
    if (t.kind == Kind.PARAM) {
      next();
      if (op == Op.NOT_IN) {
        throw placeholderWithNotIn(t.text);
      }
      if (symbol(",")) {
        throw invalid(
            peek().position,
            "expected \")\", found \",\" (a placeholder stands for the whole value list)");
      }
      return new Param(t.text);
    }
    List<String> values = new ArrayList<>();
    values.add(literal());
    while (symbol(",")) {
      next();
      if (peek().kind == Kind.PARAM) {
        Token p = next();
        if (op == Op.NOT_IN) {
          throw placeholderWithNotIn(p.text);
        }
        throw invalid(
            p.position,
            "expected a quoted string or a number, found "
                + p.show()
                + " (a placeholder stands for the whole value list)");
      }
      values.add(literal());
    }
    return new Values(List.copyOf(values));
  }

  static InvalidInputException placeholderWithNotIn(String name) {
    // Amazon's documented message, verbatim (spec §2.1).
    return new InvalidInputException(
        PREFIX
            + "Invalid input symbol: $"
            + name
            + ". Placeholders are not allowed with NOT_IN operator.");
  }

  private Operand scalar(Op op) {
    Token t = peek();
    if (t.kind == Kind.PARAM) {
      next();
      return new Param(t.text);
    }
    return new Values(List.of(literal()));
  }

  private String literal() {
    Token t = peek();
    if (t.kind == Kind.STRING || t.kind == Kind.NUMBER) {
      next();
      return t.text;
    }
    throw expected("a quoted string, a number or a $PARAMETER");
  }

  /** Used by messages: the keyword text of an operator. */
  static String text(Op op) {
    return op.text.toUpperCase(Locale.ROOT);
  }
}
