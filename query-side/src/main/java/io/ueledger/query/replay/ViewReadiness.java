package io.ueledger.query.replay;

import org.springframework.stereotype.Component;

/**
 * Asked by the query APIs before they answer from a view: a view being rebuilt is partial, and a
 * partial answer served as if it were complete is worse than none.
 */
@Component
public class ViewReadiness {

    private final ProjectionReplays replays;

    public ViewReadiness(ProjectionReplays replays) {
        this.replays = replays;
    }

    /** @throws ViewBeingRebuilt when the view is being rebuilt */
    public void requireReady(String view) {
        replays.rebuilding(view).ifPresent(progress -> {
            throw new ViewBeingRebuilt(RebuildableViews.description(view).orElse(view), progress);
        });
    }
}
