package io.ueledger.query.replay;

/**
 * A query reached a view that is being rebuilt. Answering from it would show a partial view as if
 * it were the truth, so the caller is told how far the rebuild is instead.
 */
public class ViewBeingRebuilt extends RuntimeException {

    private final ViewProgress progress;

    public ViewBeingRebuilt(String viewDescription, ViewProgress progress) {
        super(viewDescription + " is being rebuilt: " + progress.percentDone() + "% done"
                + (progress.etaSeconds() == null ? "" : ", ETA " + progress.etaSeconds() + " s")
                + "; ask again when it is done");
        this.progress = progress;
    }

    public ViewProgress progress() {
        return progress;
    }
}
