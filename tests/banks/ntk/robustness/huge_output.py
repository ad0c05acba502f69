# A correct solution that prints a 5-million-character line and a line per layer: graded with full
# marks, output capped.
# expect: full
# %% cell: analytic_relu_ntk
print("x" * 5_000_000)


def analytic_relu_ntk(X1, X2, depth, sigma_w2=2.0, sigma_b2=0.0):
    X1, X2 = X1.to(torch.float64), X2.to(torch.float64)
    d = X1.shape[1]
    sigma = sigma_w2 * (X1 @ X2.T) / d + sigma_b2
    q1 = sigma_w2 * (X1 * X1).sum(1) / d + sigma_b2
    q2 = sigma_w2 * (X2 * X2).sum(1) / d + sigma_b2
    theta_k = sigma.clone()
    for layer in range(depth):
        norms = torch.sqrt(torch.outer(q1, q2))
        angle = torch.arccos((sigma / norms).clamp(-1.0, 1.0))
        sigma = norms * (torch.sin(angle) + (math.pi - angle) * torch.cos(angle)) / (2 * math.pi)
        derivative = (math.pi - angle) / (2 * math.pi)
        q1, q2 = q1 / 2, q2 / 2
        w2 = sigma_w2 if layer < depth - 1 else 1.0
        sigma, q1, q2 = w2 * sigma + sigma_b2, w2 * q1 + sigma_b2, w2 * q2 + sigma_b2
        theta_k = sigma + w2 * theta_k * derivative
        print(f"layer {layer}: mean Theta {float(theta_k.mean()):.4f}")
    return theta_k
