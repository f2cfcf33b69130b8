package dev.quorum.repair;

import java.util.List;

/** A family of fixes from the program-repair literature (TBar's taxonomy), applied to one suspicious statement. */
interface FixTemplate {

    /** Short, stable name recorded in every candidate's provenance, e.g. {@code operator-mutation}. */
    String name();

    /** Every edit of this family at the site; may be empty. */
    List<Edit> edits(Site site);

    /** The templates in the order they are tried at each statement. */
    static List<FixTemplate> all() {
        return List.of(new OperatorMutation(), new ConditionChange(), new NullCheckInsertion(),
                new NullSafeEquals(), new VariableReplacement(), new MethodInvocationMutation(), new OffByOne(),
                new LiteralMutation(), new ReturnMutation(), new RangeCheck(), new CastCheck(), new StatementRemoval());
    }
}
