package io.ueledger.kernel.enrollment;

/** How the device is told to authenticate its user in the 401 challenge (SPEC.md section 4). */
public enum AuthMethod {
    APPLE_AS_WEB("apple-as-web"),
    APPLE_OAUTH2("apple-oauth2");

    private final String wireName;

    AuthMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
