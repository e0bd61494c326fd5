package io.ueledger.command.account;

import java.util.List;

/** The imported file has bad lines; it was rejected whole and nothing was imported. */
public class InvalidAccountFile extends RuntimeException {

    private final transient List<LineProblem> problems;

    public InvalidAccountFile(List<LineProblem> problems) {
        super("the file has " + problems.size() + " bad line(s); nothing was imported");
        this.problems = List.copyOf(problems);
    }

    public List<LineProblem> problems() {
        return problems;
    }
}
