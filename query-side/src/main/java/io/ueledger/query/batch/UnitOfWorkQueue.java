package io.ueledger.query.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a projection's handlers queue while their processor handles one batch of events, handed to a writer
 * just before that batch's transaction commits (with the processor's token), in the order it was queued. The
 * queue lives on the root unit of work, so every handler of the batch adds to the same one. Outside a unit of
 * work (a plain call) an item is written at once.
 *
 * @param <T> one queued change
 */
public final class UnitOfWorkQueue<T> {

    private final Consumer<T> immediately;
    private final Consumer<List<T>> writer;
    private final String resourceKey = UnitOfWorkQueue.class.getName() + "@" + System.identityHashCode(this);

    /**
     * @param immediately writes one item outside a unit of work
     * @param writer      writes a batch's queued items, in order; the list is cleared afterwards
     */
    public UnitOfWorkQueue(Consumer<T> immediately, Consumer<List<T>> writer) {
        this.immediately = immediately;
        this.writer = writer;
    }

    public void add(T item) {
        if (!CurrentUnitOfWork.isStarted()) {
            immediately.accept(item);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<T> pending = root.getOrComputeResource(resourceKey, key -> {
            List<T> items = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> write(items));
            return items;
        });
        pending.add(item);
    }

    /** Writes what this batch has queued so far, e.g. before a query that must see it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            List<T> pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                write(pending);
            }
        }
    }

    private void write(List<T> pending) {
        if (!pending.isEmpty()) {
            writer.accept(pending);
        }
        pending.clear();
    }
}
