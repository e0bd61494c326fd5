-- API tokens for scripts (issue [9]): only the SHA-256 of a token is stored; the token itself is shown once.
create table api_token (
    id          varchar(40)  primary key,
    name        varchar(100) not null,
    token_hash  bytea        not null unique,
    role        varchar(20)  not null check (role in ('ADMIN', 'COMPLIANCE')),
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz,
    revoked_by  varchar(255),
    last_used_at timestamptz
);

-- Every authenticated use of a token: who (the token), what (method and path) and when.
create table api_token_use (
    id        bigserial    primary key,
    token_id  varchar(40)  not null references api_token (id),
    method    varchar(10)  not null,
    path      varchar(2000) not null,
    used_at   timestamptz  not null
);
create index api_token_use_token on api_token_use (token_id, used_at);
